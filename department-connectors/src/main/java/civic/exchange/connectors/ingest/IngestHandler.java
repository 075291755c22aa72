package civic.exchange.connectors.ingest;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.Department;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.BoundedBody;
import civic.exchange.connectors.batch.BudgetExceededException;
import civic.exchange.connectors.batch.ContentType;
import civic.exchange.connectors.batch.MemoryBudget;
import civic.exchange.connectors.batch.ParseContext;
import civic.exchange.connectors.batch.ParsedRecord;
import civic.exchange.connectors.batch.RecordBatchParser;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.batch.RecordIds;
import civic.exchange.connectors.ingest.idempotency.AnsweredRequest;
import civic.exchange.connectors.ingest.idempotency.IdempotencyStore;
import civic.exchange.connectors.ingest.idempotency.IdempotencyUnavailableException;
import civic.exchange.connectors.ingest.idempotency.KeyLocks;
import civic.exchange.connectors.publish.CompanionRecord;
import civic.exchange.connectors.publish.PublishFailedException;
import civic.exchange.connectors.publish.RawBatch;
import civic.exchange.connectors.publish.RawRecord;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Takes one batch from any transport: finds the dataset in the catalog, reads and splits the whole
 * body, and only when every record is valid writes them all to the raw topic in one transaction.
 * Throws {@link RecordRejectedException} (the sender's fault), {@link PublishFailedException} or
 * {@link IngestUnavailableException} (the bus's); transports turn these into their own answers.
 *
 * <p>Bodies are read within a {@link MemoryBudget}: a body whose bytes do not fit is refused
 * ({@code OVERLOADED}) before it is read, and what a request reserved is given back when it is
 * answered, whatever the answer.
 *
 * <p>With an {@link IdempotencyStore}, a request with an Idempotency-Key answered within the window
 * (for the same department) gets that first answer again and writes nothing; the same key with
 * another body or dataset is refused ({@code IDEMPOTENCY_KEY_REUSED}). A new key's answer is
 * written in the same transaction as the batch. Requests with the same key are handled one at a
 * time in this instance.
 */
public class IngestHandler {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REQUEST_ID = "X-Request-Id";

    /** Request keys and correlation ids are visible ASCII, so they are safe in headers and logs. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExchangeCatalog catalog;
    private final RecordBatchParsers parsers;
    private final RawRecordPublisher publisher;
    private final BatchLimits limits;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final MemoryBudget budget;
    private final Duration retryAfter;
    /** Null: Idempotency-Keys only name the records, nothing is deduplicated. */
    private final IdempotencyStore idempotency;
    private final Duration keyWait;
    private final KeyLocks keyLocks = new KeyLocks();

    /** A handler without memory budget or idempotency store (tools, tests). */
    public IngestHandler(ExchangeCatalog catalog, RecordBatchParsers parsers, RawRecordPublisher publisher,
                         BatchLimits limits, IngestMetrics metrics, Clock clock) {
        this(catalog, parsers, publisher, limits, metrics, clock, MemoryBudget.unlimited(), Duration.ofSeconds(5), null,
                Duration.ofSeconds(60));
    }

    /**
     * @param budget      bytes of bodies that may be in memory at once
     * @param retryAfter  what a request refused for want of memory or of an up-to-date idempotency store is told to wait
     * @param idempotency answered Idempotency-Keys; null to deduplicate nothing
     * @param keyWait     how long a request waits for another with the same Idempotency-Key before it is refused
     *                    ({@code IDEMPOTENCY_KEY_IN_USE})
     */
    public IngestHandler(ExchangeCatalog catalog, RecordBatchParsers parsers, RawRecordPublisher publisher,
                         BatchLimits limits, IngestMetrics metrics, Clock clock, MemoryBudget budget, Duration retryAfter,
                         IdempotencyStore idempotency, Duration keyWait) {
        this.catalog = catalog;
        this.parsers = parsers;
        this.publisher = publisher;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
        this.budget = budget;
        this.retryAfter = retryAfter;
        this.idempotency = idempotency;
        this.keyWait = keyWait;
    }

    /** {@link #answer(IngestRequest)}, for callers that need only the receipt. */
    public IngestReceipt ingest(IngestRequest request) {
        return answer(request).receipt();
    }

    public IngestOutcome answer(IngestRequest request) {
        try (MemoryBudget.Reservation reservation = budget.reservation()) {
            return accept(request, reservation);
        } catch (RecordRejectedException e) {
            metrics.rejected(e.code());
            throw e;
        } catch (BudgetExceededException e) {
            metrics.overloaded();
            throw new IngestUnavailableException(ErrorCode.OVERLOADED, e.getMessage(), retryAfter,
                    BatchRejectedException.detail().with("inFlightBytes", e.inUse()).with("budgetBytes", e.capacity())
                            .with("requestedBytes", e.requested()).map(), e);
        } catch (IdempotencyUnavailableException e) {
            throw new IngestUnavailableException(ErrorCode.INTERNAL_ERROR, e.getMessage(), retryAfter, Map.of(), e);
        }
    }

    private IngestOutcome accept(IngestRequest request, MemoryBudget.Reservation reservation) {
        Dataset dataset = resolve(request.department(), request.dataset());
        String idempotencyKey = token(IDEMPOTENCY_KEY, request.idempotencyKey());
        String requestId = token(REQUEST_ID, request.requestId());
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
        String requestKey = idempotencyKey != null ? idempotencyKey : requestId;
        Batch batch = new Batch(dataset, parser, contentType, requestKey,
                correlationId != null ? correlationId : UUID.randomUUID().toString());

        if (idempotencyKey == null || idempotency == null) {
            byte[] body = readBody(request, reservation, null);
            return new IngestOutcome(202, write(batch, body, null), false);
        }
        MessageDigest digest = sha256();
        byte[] body = readBody(request, reservation, digest);
        String bodySha256 = HexFormat.of().formatHex(digest.digest());
        // keys are the department's: another department's key of the same text is another key
        String scope = dataset.department() + "/" + idempotencyKey;
        try (KeyLocks.Held held = lock(scope, idempotencyKey)) {
            Optional<AnsweredRequest> answered = idempotency.answered(scope);
            if (answered.isPresent()) {
                return replay(answered.get(), dataset, idempotencyKey, bodySha256);
            }
            AnsweredRequest[] answer = new AnsweredRequest[1];
            IngestReceipt receipt = write(batch, body, r -> {
                answer[0] = new AnsweredRequest(dataset.qualifiedId(), bodySha256, 202, JSON.valueToTree(r), batch.ingestedAt);
                return idempotency.record(scope, answer[0]);
            });
            idempotency.committed(scope, answer[0]);
            return new IngestOutcome(202, receipt, false);
        }
    }

    /** What one request writes, once its address and headers are accepted. */
    private final class Batch {
        final Dataset dataset;
        final RecordBatchParser parser;
        final ContentType contentType;
        final String requestKey;
        final String correlationId;
        /** When the batch was accepted: once its body is read and split, before it is written. */
        Instant ingestedAt;

        Batch(Dataset dataset, RecordBatchParser parser, ContentType contentType, String requestKey, String correlationId) {
            this.dataset = dataset;
            this.parser = parser;
            this.contentType = contentType;
            this.requestKey = requestKey;
            this.correlationId = correlationId;
        }
    }

    /**
     * Parses the body and writes its records in one transaction.
     *
     * @param companion the record to commit with the batch, made from its receipt; null for none
     */
    private IngestReceipt write(Batch batch, byte[] body, Function<IngestReceipt, CompanionRecord> companion) {
        Dataset dataset = batch.dataset;
        List<ParsedRecord> parsed = batch.parser.parse(body, new ParseContext(dataset, batch.contentType, dataset.encoding(), limits));
        List<RawRecord> records = new ArrayList<>(parsed.size());
        for (ParsedRecord record : parsed) {
            String recordId = batch.requestKey != null
                    ? RecordIds.derived(dataset.qualifiedId(), batch.requestKey, record.index())
                    : RecordIds.random();
            records.add(new RawRecord(recordId, record.localId(), record.value(), record.contentType(), record.headers()));
        }
        IngestReceipt receipt = new IngestReceipt(records.size(), dataset.department(), dataset.id(), dataset.rawTopic(),
                batch.correlationId);
        batch.ingestedAt = clock.instant();
        CompanionRecord answer = companion == null ? null : companion.apply(receipt);
        try {
            publisher.publish(new RawBatch(dataset, batch.correlationId, batch.ingestedAt, records,
                    answer == null ? List.of() : List.of(answer)));
        } catch (PublishFailedException e) {
            metrics.publishFailed(dataset);
            throw e;
        }
        metrics.accepted(dataset, records.size());
        return receipt;
    }

    /** The first answer to the key, given again; or a refusal when this is not the request it answered. */
    private IngestOutcome replay(AnsweredRequest answered, Dataset dataset, String key, String bodySha256) {
        if (!answered.dataset().equals(dataset.qualifiedId())) {
            throw reused(key, answered, "for " + answered.dataset() + ", not " + dataset.qualifiedId());
        }
        if (!answered.bodySha256().equals(bodySha256)) {
            throw reused(key, answered, "with another body (SHA-256 " + answered.bodySha256() + ", this one " + bodySha256 + ")");
        }
        IngestReceipt receipt;
        try {
            receipt = JSON.treeToValue(answered.body(), IngestReceipt.class);
        } catch (IOException e) {
            throw new IllegalStateException("The stored answer to Idempotency-Key " + key + " is not a receipt: " + answered.body(), e);
        }
        metrics.replayed(dataset);
        return new IngestOutcome(answered.status(), receipt, true);
    }

    private static BatchRejectedException reused(String key, AnsweredRequest answered, String how) {
        return new BatchRejectedException(ErrorCode.IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY,
                "Idempotency-Key '" + key + "' was used at " + answered.answeredAt() + " " + how
                        + "; a key names one request: send another request with a new key",
                BatchRejectedException.detail().with("header", IDEMPOTENCY_KEY).with("dataset", answered.dataset())
                        .with("answeredAt", answered.answeredAt().toString()).map(), null);
    }

    private KeyLocks.Held lock(String scope, String key) {
        try {
            KeyLocks.Held held = keyLocks.tryAcquire(scope, keyWait);
            if (held == null) {
                throw new BatchRejectedException(ErrorCode.IDEMPOTENCY_KEY_IN_USE, IDEMPOTENCY_KEY,
                        "A request with Idempotency-Key '" + key + "' has been in progress for over " + keyWait.toSeconds()
                                + " s; retry once it is answered",
                        BatchRejectedException.detail().with("header", IDEMPOTENCY_KEY).map(), null);
            }
            return held;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdempotencyUnavailableException("Interrupted while waiting for another request with the same Idempotency-Key", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
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

    private byte[] readBody(IngestRequest request, MemoryBudget.Reservation reservation, MessageDigest digest) {
        try {
            return BoundedBody.read(request.body(), request.contentLength(), limits.maxBodyBytes(), reservation, digest);
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
