package civic.exchange.bench.standardizer;

import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.topics.Topics;
import civic.exchange.schema.Provenance;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * What the hand-written normalizers of variant (d) share: a raw record becomes a canonical record
 * keyed by its id, or goes to the DLQ with the error headers the standardizer writes.
 *
 * @param <V> the canonical record type
 */
abstract class HandWrittenNormalizer<V> extends ContextualProcessor<byte[], byte[], String, Object> {

    private final ProcessedCounter counter;
    private final ErrorCode parseError;
    private final Function<V, String> id;

    HandWrittenNormalizer(ProcessedCounter counter, ErrorCode parseError, Function<V, String> id) {
        this.counter = counter;
        this.parseError = parseError;
        this.id = id;
    }

    /** The canonical record, or an exception saying why there is none. */
    abstract V normalize(Record<byte[], byte[]> record, RecordMetadata meta) throws IOException;

    /**
     * Takes a record that is none of the dataset's (a CSV header record) and returns true, or
     * returns false for a record to normalize. Such records give no outcome and are not counted.
     */
    boolean keep(Record<byte[], byte[]> record) {
        return false;
    }

    @Override
    public final void process(Record<byte[], byte[]> record) {
        if (keep(record)) {
            return;
        }
        RecordMetadata meta = context().recordMetadata().orElseThrow();
        try {
            V canonical = normalize(record, meta);
            context().forward(new Record<>(id.apply(canonical), (Object) canonical, record.timestamp(), record.headers()));
        } catch (IOException e) {
            reject(record, meta, parseError, e);
            return;
        } catch (RuntimeException e) {
            reject(record, meta, ErrorCode.INVALID_VALUE, e);
            return;
        }
        counter.hit();
    }

    /** The raw record to the DLQ, with the error headers a standardizer writes. */
    private void reject(Record<byte[], byte[]> record, RecordMetadata meta, ErrorCode code, Exception e) {
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.ERROR_CODE, code.name());
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.ERROR_MESSAGE, String.valueOf(e.getMessage()));
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.ERROR_STAGE, Topics.STAGE_STANDARDIZER);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.SOURCE_TOPIC, meta.topic());
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.SOURCE_PARTITION, String.valueOf(meta.partition()));
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.SOURCE_OFFSET, String.valueOf(meta.offset()));
        context().forward(new Record<>((String) null, (Object) record.value(), record.timestamp(), record.headers()));
        counter.reject();
    }

    /** Provenance of a record of the dataset, from its raw coordinates and ingest headers. */
    static Provenance provenance(String department, String dataset, Record<byte[], byte[]> record, RecordMetadata meta) {
        String ingested = ExchangeHeaders.get(record.headers(), ExchangeHeaders.INGESTED_AT);
        return Provenance.newBuilder()
                .setDepartment(department).setDataset(dataset)
                .setRawTopic(meta.topic()).setRawPartition(meta.partition()).setRawOffset(meta.offset())
                .setRecordId(ExchangeHeaders.get(record.headers(), ExchangeHeaders.RECORD_ID))
                .setCorrelationId(ExchangeHeaders.get(record.headers(), ExchangeHeaders.CORRELATION_ID))
                .setIngestedAt(ingested == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(ingested))
                .setMappingSpec("hand-written").setMappingVersion(1)
                .build();
    }

    /** raw → normalizer → canonical topic (valid) | DLQ (the raw bytes, invalid). */
    static <V> Topology topology(String input, String output, String dlq, Class<V> type, Serde<V> serde,
                                 Supplier<HandWrittenNormalizer<V>> normalizer) {
        StreamsBuilder builder = new StreamsBuilder();
        var outcomes = builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("hand-source"))
                .process(normalizer::get, Named.as("hand-normalize"));
        outcomes.filter((k, v) -> type.isInstance(v), Named.as("hand-valid"))
                .mapValues(type::cast, Named.as("hand-cast"))
                .to(output, Produced.with(Serdes.String(), serde).withName("hand-canonical-sink"));
        outcomes.filter((k, v) -> v instanceof byte[], Named.as("hand-invalid"))
                .mapValues(v -> (byte[]) v, Named.as("hand-bytes"))
                .to(dlq, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("hand-dlq-sink"));
        return builder.build();
    }
}
