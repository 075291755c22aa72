package civic.exchange.bench.standardizer;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.schema.Facility;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-record work of variants (b) and (d) without Kafka: one FIWARE Streetlight keyValues
 * record (the throughput driver's sample) to Confluent-framed Avro bytes. What the throughput
 * driver measures on top of this is Kafka Streams, the clients and the broker.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
public class NormalizeBenchmark {

    private static final String TOPIC = CanonicalEntity.FACILITY.topic();
    private static final String RAW_TOPIC = Topics.raw("lighting", "streetlights");
    private static final ObjectMapper JSON = new ObjectMapper();

    private byte[] payload;
    private Record<byte[], byte[]> record;
    private RecordMetadata meta;
    private MappingSpec spec;
    private RecordOrigin origin;
    private HandWrittenStreetlightNormalizer.Normalize handWritten;
    private Serializer<Facility> facilities;
    private Serializer<SpecificRecord> records;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        payload = Files.readString(Path.of("ops/demo/fiware-Streetlight-keyvalues.json")).getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, "a2c4e6f8-0000-4000-8000-000000000001");
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, Instant.now().toString());
        record = new Record<>(null, payload, System.currentTimeMillis(), headers);
        meta = new Meta(RAW_TOPIC, 0, 42L);
        ExchangeCatalog catalog = ExchangeCatalog.load(new ByteArrayInputStream(
                StandardizerThroughput.STREETLIGHTS_YAML.getBytes(StandardCharsets.UTF_8)), "benchmark");
        Dataset dataset = catalog.datasets().get(0);
        MappingSpecs specs = SpecLoader.load(catalog, Optional.empty());
        spec = specs.find(dataset).orElseThrow();
        origin = new RecordOrigin("lighting", "streetlights", RAW_TOPIC, 0, 42L,
                "a2c4e6f8-0000-4000-8000-000000000001", null, Instant.now());
        handWritten = new HandWrittenStreetlightNormalizer.Normalize(new ProcessedCounter("normalize-bench"));
        facilities = ExchangeAvroSerde.forValues(Facility.class, "mock://normalize-bench").serializer();
        records = (Serializer<SpecificRecord>) (Serializer<?>) facilities;
    }

    @Benchmark
    public JsonNode jacksonTree() throws IOException {
        return JSON.readTree(payload);
    }

    /** The tree the standardizer reads this record into with the dataset's reader (strict: duplicate members refused, exact decimals). */
    @Benchmark
    public JsonNode standardizerTree() {
        return spec.read(payload, null, StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] handWritten() throws IOException {
        return facilities.serialize(TOPIC, handWritten.normalize(record, meta));
    }

    @Benchmark
    public MappingSpec.Mapped standardizerMapOnly() {
        return spec.map(payload, null, StandardCharsets.UTF_8, origin, MappingListener.NONE);
    }

    @Benchmark
    public byte[] standardizer() {
        return records.serialize(TOPIC, spec.map(payload, null, StandardCharsets.UTF_8, origin, MappingListener.NONE).record());
    }

    private record Meta(String topic, int partition, long offset) implements RecordMetadata {
    }
}
