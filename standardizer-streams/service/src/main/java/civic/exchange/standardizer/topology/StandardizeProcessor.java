package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.quality.RecordNotes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standardizes the raw records of one dataset with its spec. Each record becomes exactly one
 * outcome: a canonical record keyed by its canonical id, or the untouched raw record with error
 * headers. Nothing a record holds can throw out of here, so bad input never stops the stream.
 */
final class StandardizeProcessor extends ContextualProcessor<byte[], byte[], byte[], Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(StandardizeProcessor.class);

    private final Dataset dataset;
    private final MappingSpec spec;
    private final StandardizerMetrics metrics;
    private final Rejections rejections;
    private final String seenStore;
    private final Duration dedupeWindow;
    private SeenRecordIds seen;
    private Header department;
    private Header datasetId;

    private final RecordCharsets charsets = new RecordCharsets();

    /** @param seenStore the store of standardized record ids; null: no deduplication */
    StandardizeProcessor(Dataset dataset, MappingSpec spec, StandardizerMetrics metrics, String seenStore,
                         Duration dedupeWindow) {
        this.dataset = dataset;
        this.spec = spec;
        this.metrics = metrics;
        this.rejections = new Rejections(dataset, spec, metrics);
        this.seenStore = seenStore;
        this.dedupeWindow = dedupeWindow;
    }

    @Override
    public void init(ProcessorContext<byte[], Outcome> context) {
        super.init(context);
        department = new RecordHeader(ExchangeHeaders.DEPARTMENT, dataset.department().getBytes(StandardCharsets.UTF_8));
        datasetId = new RecordHeader(ExchangeHeaders.DATASET, dataset.id().getBytes(StandardCharsets.UTF_8));
        seen = SeenRecordIds.of(context, seenStore, dedupeWindow);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context().recordMetadata().orElse(null);
        String topic = metadata != null ? metadata.topic() : dataset.rawTopic();
        int partition = metadata != null ? metadata.partition() : -1;
        long offset = metadata != null ? metadata.offset() : -1L;
        RawHeaders raw = RawHeaders.of(record.headers());
        String recordId = raw.recordId();
        if (seen != null && recordId != null && seen.contains(recordId, record.timestamp())) {
            context().forward(new Record<>(record.key(), new Outcome.Duplicate(recordId), record.timestamp(), record.headers()));
            metrics.duplicate(dataset);
            return;
        }
        Instant fromHeader = raw.ingestedAt();
        // When the bus accepted the record: the ingest header, else the record's timestamp.
        Instant ingestedAt = fromHeader != null ? fromHeader : Instant.ofEpochMilli(Math.max(0L, record.timestamp()));
        // Codes mapped to a fallback symbol, values dropped as invalid: for the metrics and, per
        // record, for the quality accounting.
        RecordNotes notes = new RecordNotes(metrics);
        Outcome.Source source = new Outcome.Source(record.key(), record.value(), record.headers(), recordId, topic, partition,
                offset);
        MappingSpec.Mapped mapped;
        try {
            RecordOrigin origin = new RecordOrigin(dataset.department(), dataset.id(), topic, partition, offset,
                    recordId, raw.correlationId(), ingestedAt);
            mapped = spec.map(record.value(), record.headers(), charsets.of(raw.contentTypeHeader(), dataset.encoding()),
                    origin, notes);
        } catch (RecordRejectedException e) {
            rejections.forward(context(), source, record.timestamp(), e.code(), e.field(), e.getMessage(), notes);
            return;
        } catch (RuntimeException e) {
            // A bug or a record nobody foresaw: still the DLQ, never a dead stream.
            LOG.warn("Unexpected failure standardizing {} record at {}-{}@{}", dataset.qualifiedId(), topic, partition, offset, e);
            rejections.forward(context(), source, record.timestamp(), ErrorCode.INTERNAL_ERROR, null, e.toString(), notes);
            return;
        }
        // Outside the try: a failure to write downstream (broker, registry) is not the record's
        // fault and must not send it to the DLQ; Kafka Streams retries or stops per its handlers.
        // Counted as standardized once encoded, which may still refuse it.
        context().forward(new Record<>(mapped.id().getBytes(StandardCharsets.UTF_8),
                new Outcome.Canonical(mapped.id(), mapped.localId(), mapped.record(), notes, LinkOutcome.NOT_LINKED,
                        source, null),
                record.timestamp(), canonicalHeaders(raw, ingestedAt, fromHeader != null)));
    }

    /**
     * Department, dataset, record id, correlation id and ingest time; everything else stays behind.
     * The raw record's header values are carried as they are.
     */
    private Headers canonicalHeaders(RawHeaders raw, Instant ingestedAt, boolean fromHeader) {
        Header recordId = raw.recordIdHeader();
        Header correlationId = raw.correlationIdHeader();
        Header[] headers = new Header[3 + (recordId != null ? 1 : 0) + (correlationId != null ? 1 : 0)];
        int i = 0;
        headers[i++] = department;
        headers[i++] = datasetId;
        if (recordId != null) {
            headers[i++] = recordId;
        }
        if (correlationId != null) {
            headers[i++] = correlationId;
        }
        headers[i] = raw.ingestedAtHeader(ingestedAt, fromHeader);
        return new RecordHeaders(headers);
    }
}
