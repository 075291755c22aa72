package civic.exchange.connectors.ingest;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.Department;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.BoundedBody;
import civic.exchange.connectors.batch.ContentType;
import civic.exchange.connectors.batch.ParseContext;
import civic.exchange.connectors.batch.ParsedRecord;
import civic.exchange.connectors.batch.RecordBatchParser;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.batch.RecordIds;
import civic.exchange.connectors.publish.PublishFailedException;
import civic.exchange.connectors.publish.RawBatch;
import civic.exchange.connectors.publish.RawRecord;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Takes one batch from any transport: finds the dataset in the catalog, reads and splits the whole
 * body, and only when every record is valid writes them all to the raw topic in one transaction.
 * Throws {@link RecordRejectedException} (the sender's fault) or {@link PublishFailedException}
 * (the bus's); transports turn these into their own answers.
 */
public class IngestHandler {

    /** Request keys and correlation ids are visible ASCII, so they are safe in headers and logs. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final ExchangeCatalog catalog;
    private final RecordBatchParsers parsers;
    private final RawRecordPublisher publisher;
    private final BatchLimits limits;
    private final IngestMetrics metrics;
    private final Clock clock;

    public IngestHandler(ExchangeCatalog catalog, RecordBatchParsers parsers, RawRecordPublisher publisher,
                         BatchLimits limits, IngestMetrics metrics, Clock clock) {
        this.catalog = catalog;
        this.parsers = parsers;
        this.publisher = publisher;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    public IngestReceipt ingest(IngestRequest request) {
        try {
            return accept(request);
        } catch (RecordRejectedException e) {
            metrics.rejected(e.code());
            throw e;
        }
    }

    private IngestReceipt accept(IngestRequest request) {
        Dataset dataset = resolve(request.department(), request.dataset());
        String requestKey = token("Idempotency-Key/X-Request-Id", request.requestKey());
        String correlationId = token("X-Correlation-Id", request.correlationId());
        ContentType contentType = ContentType.parse(request.contentType()).orElseGet(() -> parsers.defaultContentType(dataset));
        RecordBatchParser parser = parsers.require(contentType, dataset);
        Charset encoding = dataset.encoding();
        contentType.charset().filter(declared -> !declared.equals(encoding)).ifPresent(declared -> {
            throw new BatchRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Dataset " + dataset.qualifiedId() + " is declared in " + encoding.name() + " but the body says charset="
                            + declared.name() + "; send it in " + encoding.name(),
                    BatchRejectedException.detail().with("encoding", encoding.name()).with("charset", declared.name()).map());
        });

        byte[] body = readBody(request);
        List<ParsedRecord> parsed = parser.parse(body, new ParseContext(dataset, contentType, encoding, limits));

        String correlation = correlationId != null ? correlationId : UUID.randomUUID().toString();
        Instant ingestedAt = clock.instant();
        List<RawRecord> records = new ArrayList<>(parsed.size());
        for (ParsedRecord record : parsed) {
            String recordId = requestKey != null
                    ? RecordIds.derived(dataset.qualifiedId(), requestKey, record.index())
                    : RecordIds.random();
            records.add(new RawRecord(recordId, record.localId(), record.value(), record.contentType(), record.headers()));
        }
        try {
            publisher.publish(new RawBatch(dataset, correlation, ingestedAt, records));
        } catch (PublishFailedException e) {
            metrics.publishFailed(dataset);
            throw e;
        }
        metrics.accepted(dataset, records.size());
        return new IngestReceipt(records.size(), dataset.department(), dataset.id(), dataset.rawTopic(), correlation);
    }

    /** The dataset at {@code department/dataset}, or UNKNOWN_DEPARTMENT / UNKNOWN_DATASET. */
    public Dataset resolve(String departmentId, String datasetId) {
        Department department = catalog.department(departmentId).orElseThrow(() -> new BatchRejectedException(
                ErrorCode.UNKNOWN_DEPARTMENT, "Unknown department '" + departmentId + "': it is not in the exchange catalog",
                BatchRejectedException.detail().with("department", departmentId).map()));
        return department.dataset(datasetId).orElseThrow(() -> new BatchRejectedException(
                ErrorCode.UNKNOWN_DATASET, "Department '" + departmentId + "' publishes no dataset '" + datasetId
                        + "'; it publishes " + department.publishes().stream().map(Dataset::id).toList(),
                BatchRejectedException.detail().with("department", departmentId).with("dataset", datasetId).map()));
    }

    private byte[] readBody(IngestRequest request) {
        try {
            return BoundedBody.read(request.body(), request.contentLength(), limits.maxBodyBytes());
        } catch (IOException e) {
            throw new BatchRejectedException(ErrorCode.INVALID_VALUE, "The body could not be read: " + e.getMessage());
        }
    }

    private static String token(String header, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!TOKEN.matcher(value).matches()) {
            throw new BatchRejectedException(ErrorCode.INVALID_VALUE, header, header
                    + " must be 1 to 200 visible ASCII characters without spaces",
                    BatchRejectedException.detail().with("header", header).map(), null);
        }
        return value;
    }
}
