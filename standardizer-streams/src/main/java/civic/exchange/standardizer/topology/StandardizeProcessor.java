package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.mapping.RecordOrigin;
import civic.exchange.standardizer.quality.RecordNotes;
import civic.exchange.standardizer.spec.MappingSpec;
import civic.exchange.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
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
    private static final int MAX_MESSAGE = 1000;

    /** Headers that travel from the raw record to the canonical one; everything else stays behind. */
    private static final String[] CARRIED = {ExchangeHeaders.RECORD_ID, ExchangeHeaders.CORRELATION_ID};

    private final Dataset dataset;
    private final MappingSpec spec;
    private final StandardizerMetrics metrics;

    StandardizeProcessor(Dataset dataset, MappingSpec spec, StandardizerMetrics metrics) {
        this.dataset = dataset;
        this.spec = spec;
        this.metrics = metrics;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context().recordMetadata().orElse(null);
        String topic = metadata != null ? metadata.topic() : dataset.rawTopic();
        int partition = metadata != null ? metadata.partition() : -1;
        long offset = metadata != null ? metadata.offset() : -1L;
        Instant ingestedAt = ingestedAt(record);
        // Codes mapped to a fallback symbol, values dropped as invalid: for the metrics and, per
        // record, for the quality accounting.
        RecordNotes notes = new RecordNotes(metrics);
        MappingSpec.Mapped mapped;
        try {
            RecordOrigin origin = new RecordOrigin(dataset.department(), dataset.id(), topic, partition, offset,
                    ExchangeHeaders.get(record.headers(), ExchangeHeaders.RECORD_ID),
                    ExchangeHeaders.get(record.headers(), ExchangeHeaders.CORRELATION_ID),
                    ingestedAt);
            mapped = spec.map(record.value(), record.headers(), dataset.encoding(), origin, notes);
        } catch (RecordRejectedException e) {
            reject(record, topic, partition, offset, e.code(), e.field(), e.getMessage(), notes);
            return;
        } catch (RuntimeException e) {
            // A bug or a record nobody foresaw: still the DLQ, never a dead stream.
            LOG.warn("Unexpected failure standardizing {} record at {}-{}@{}", dataset.qualifiedId(), topic, partition, offset, e);
            reject(record, topic, partition, offset, ErrorCode.INTERNAL_ERROR, null, e.toString(), notes);
            return;
        }
        // Outside the try: a failure to write downstream (broker, registry) is not the record's
        // fault and must not send it to the DLQ; Kafka Streams retries or stops per its handlers.
        context().forward(new Record<>(mapped.id().getBytes(StandardCharsets.UTF_8),
                new Outcome.Canonical(mapped.id(), mapped.localId(), mapped.record(), notes, LinkOutcome.NOT_LINKED),
                record.timestamp(), canonicalHeaders(record, ingestedAt)));
        metrics.standardized(dataset);
    }

    /** When the bus accepted the record: the ingest header, else the record's timestamp. */
    private static Instant ingestedAt(Record<byte[], byte[]> record) {
        String header = ExchangeHeaders.get(record.headers(), ExchangeHeaders.INGESTED_AT);
        if (header != null) {
            try {
                return Instant.parse(header);
            } catch (DateTimeParseException e) {
                // fall back below: a bad header is not worth losing the record
            }
        }
        return Instant.ofEpochMilli(Math.max(0L, record.timestamp()));
    }

    private Headers canonicalHeaders(Record<byte[], byte[]> record, Instant ingestedAt) {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, dataset.department());
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, dataset.id());
        for (String name : CARRIED) {
            ExchangeHeaders.put(headers, name, ExchangeHeaders.get(record.headers(), name));
        }
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, ingestedAt.toString());
        return headers;
    }

    private void reject(Record<byte[], byte[]> record, String topic, int partition, long offset, ErrorCode code,
                        String field, String message, RecordNotes notes) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_CODE, code.name());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_MESSAGE, truncate(message));
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_STAGE, Topics.STAGE_STANDARDIZER);
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_FIELD, field);
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC, spec.id());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC_VERSION, Integer.toString(spec.version()));
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_TOPIC, topic);
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_PARTITION, Integer.toString(partition));
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_OFFSET, Long.toString(offset));
        context().forward(new Record<>(record.key(), new Outcome.Rejected(record.value(), code, field, notes),
                record.timestamp(), headers));
        metrics.rejected(dataset, code);
    }

    private static String truncate(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
