package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.streams.failure.FailureKind;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Encodes each canonical record for its topic before it is counted and written, so that a record
 * the topic would refuse is refused here, inside the transaction, and sent to the DLQ like any
 * other: one that does not fit its schema ({@code SCHEMA_VIOLATION}), or whose encoded size passes
 * the canonical maximum ({@code RECORD_TOO_LARGE}). Sent as it is, such a record would fail the
 * producer, abort the transaction, and fail again on every retry. A schema registry that cannot
 * be reached is not the record's fault: that failure propagates, and the stream retries.
 */
final class EncodeProcessor extends ContextualProcessor<byte[], Outcome, byte[], Outcome> {

    private final Dataset dataset;
    private final Rejections rejections;
    private final Serializer<SpecificRecord> serializer;
    private final int maxRecordBytes;
    private final StandardizerMetrics metrics;
    private final String seenStore;
    private final Duration dedupeWindow;
    private SeenRecordIds seen;

    /** @param seenStore where standardized record ids are remembered; null: nowhere */
    EncodeProcessor(Dataset dataset, MappingSpec spec, Serializer<SpecificRecord> serializer, int maxRecordBytes,
                    StandardizerMetrics metrics, String seenStore, Duration dedupeWindow) {
        this.dataset = dataset;
        this.rejections = new Rejections(dataset, spec, metrics);
        this.serializer = serializer;
        this.maxRecordBytes = maxRecordBytes;
        this.metrics = metrics;
        this.seenStore = seenStore;
        this.dedupeWindow = dedupeWindow;
    }

    @Override
    public void init(ProcessorContext<byte[], Outcome> context) {
        super.init(context);
        seen = SeenRecordIds.of(context, seenStore, dedupeWindow);
    }

    @Override
    public void process(Record<byte[], Outcome> record) {
        if (!(record.value() instanceof Outcome.Canonical canonical)) {
            context().forward(record);
            return;
        }
        byte[] encoded;
        try {
            encoded = serializer.serialize(dataset.canonicalTopic(), record.headers(), canonical.record());
        } catch (SerializationException e) {
            if (FailureKind.of(e) == FailureKind.INFRASTRUCTURE) {
                throw e;
            }
            reject(record, canonical, ErrorCode.SCHEMA_VIOLATION, e.getMessage());
            return;
        }
        int size = size(record.key(), encoded, record.headers().toArray());
        if (size > maxRecordBytes) {
            reject(record, canonical, ErrorCode.RECORD_TOO_LARGE, "The canonical record would take " + size
                    + " bytes, more than the " + maxRecordBytes + " a canonical record may take");
            return;
        }
        context().forward(record.withValue(canonical.withEncoded(encoded)));
        metrics.standardized(dataset);
        // Only what was standardized: a rejected record may come again, re-driven after a fix.
        String recordId = canonical.source().recordId();
        if (seen != null && recordId != null) {
            seen.add(recordId, record.timestamp());
        }
    }

    private void reject(Record<byte[], Outcome> record, Outcome.Canonical canonical, ErrorCode code, String message) {
        rejections.forward(context(), canonical.source(), record.timestamp(), code, null, message, canonical.notes());
    }

    /** What the record takes in a batch, near enough: key, value, and each header's key and value. */
    static int size(byte[] key, byte[] value, Header[] headers) {
        long size = (key == null ? 0 : key.length) + (long) (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }
}
