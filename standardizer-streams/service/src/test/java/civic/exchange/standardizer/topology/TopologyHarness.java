package civic.exchange.standardizer.topology;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.schema.Facility;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeAvroSerializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.standardizer.quality.DatasetQuality;
import civic.exchange.standardizer.quality.JsonSerde;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole standardizer topology in a {@link TopologyTestDriver}: the shipped catalog, the specs
 * it names (shipped, or overridden from a specs directory), and typed access to its topics.
 */
final class TopologyHarness implements AutoCloseable {

    static final ExchangeCatalog CATALOG = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private final String registry;
    final TopologyTestDriver driver;

    /** @param specsDir specs that override the shipped ones, as {@code standardizer.specs.dir} does; may be null */
    TopologyHarness(String scope, Path specsDir) {
        this.registry = "mock://" + scope;
        MappingSpecs specs = specs(specsDir);
        Properties props = TestDriverProperties.create();
        driver = new TopologyTestDriver(StandardizerTopology.build(CATALOG, specs,
                new StandardizerTopology.Settings(registry, StandardizerMetrics.NONE, INTERVAL)), props);
    }

    static MappingSpecs specs(Path specsDir) {
        return SpecLoader.load(CATALOG, Optional.ofNullable(specsDir));
    }

    TestInputTopic<String, byte[]> raw(String department, String dataset) {
        return driver.createInputTopic(Topics.raw(department, dataset), new StringSerializer(), new ByteArraySerializer());
    }

    /** {@code canonical.facility} as the spatial index reads it. */
    TestInputTopic<String, Facility> facilities() {
        ExchangeAvroSerializer<Facility> values = new ExchangeAvroSerializer<>();
        values.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registry), false);
        return driver.createInputTopic(CanonicalEntity.FACILITY.topic(), new StringSerializer(), values);
    }

    TestInputTopic<String, String> xrefInput() {
        return driver.createInputTopic(Topics.XREF_FACILITY, new StringSerializer(), new StringSerializer());
    }

    <T extends SpecificRecord> TestOutputTopic<String, T> canonical(CanonicalEntity entity, Class<T> type) {
        ExchangeAvroDeserializer<T> values = new ExchangeAvroDeserializer<>(type);
        values.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registry), false);
        return driver.createOutputTopic(Topics.canonical(entity), new StringDeserializer(), values);
    }

    TestOutputTopic<String, String> xref() {
        return driver.createOutputTopic(Topics.XREF_FACILITY, new StringDeserializer(), new StringDeserializer());
    }

    TestOutputTopic<String, byte[]> dlq() {
        return driver.createOutputTopic(Topics.DLQ_STANDARDIZER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    TestOutputTopic<String, DatasetQuality> quality() {
        return driver.createOutputTopic(Topics.QUALITY_DATASET, new StringDeserializer(),
                new JsonSerde<>(DatasetQuality.class).deserializer());
    }

    /** The latest report of each dataset among those emitted since the last read. */
    Map<String, DatasetQuality> reports() {
        return quality().readKeyValuesToMap();
    }

    void advance(Duration wallClock) {
        driver.advanceWallClockTime(wallClock);
    }

    static Headers ingestHeaders(String department, String dataset, String recordId) {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, department);
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, dataset);
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, recordId);
        ExchangeHeaders.put(headers, ExchangeHeaders.CORRELATION_ID, recordId);
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, "2024-03-01T12:00:00Z");
        return headers;
    }

    /** Writes a spec into a specs directory laid out as {@code <dir>/<department>/<dataset>.yaml}. */
    static void writeSpec(Path dir, String id, String yaml) {
        try {
            Path file = dir.resolve(id + ".yaml");
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a shipped spec, to derive variants from. */
    static String shippedSpec(String id) {
        try (var in = TopologyHarness.class.getClassLoader().getResourceAsStream(SpecLoader.CLASSPATH_ROOT + id + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("No shipped spec " + id);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
