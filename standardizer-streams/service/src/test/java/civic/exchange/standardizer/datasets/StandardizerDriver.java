package civic.exchange.standardizer.datasets;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.standardizer.quality.DatasetQuality;
import civic.exchange.standardizer.quality.JsonSerde;
import civic.exchange.standardizer.topology.RecordingMetrics;
import civic.exchange.standardizer.topology.StandardizerTopology;
import civic.exchange.standardizer.topology.TestDriverProperties;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.TestInfo;

/**
 * The standardizer topology built from a catalog (the shipped one by default) and the shipped
 * specs it names, in a {@link TopologyTestDriver}, with what the metrics heard.
 */
final class StandardizerDriver implements AutoCloseable {

    static final ExchangeCatalog CATALOG = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);

    /** "standardized d/s", "rejected d/s CODE", "unknown spec field code", "dropped spec field CODE". */
    private final RecordingMetrics metrics = new RecordingMetrics();
    final List<String> events = metrics.events();
    private final String registry;
    private final TopologyTestDriver driver;

    StandardizerDriver(String scope) {
        this(CATALOG, scope);
    }

    StandardizerDriver(ExchangeCatalog catalog, String scope) {
        this(catalog, Optional.empty(), scope);
    }

    /** @param specsDir extra specs, as {@code standardizer.specs.dir} gives them */
    StandardizerDriver(ExchangeCatalog catalog, Optional<Path> specsDir, String scope) {
        this(catalog, specsDir, scope, TestDriverProperties.create());
    }

    /** The shipped catalog and specs over a given state directory: a second driver on it is the same instance restarted. */
    StandardizerDriver(String scope, Path stateDir) {
        this(CATALOG, Optional.empty(), scope, withStateDir(stateDir));
    }

    private StandardizerDriver(ExchangeCatalog catalog, Optional<Path> specsDir, String scope, Properties props) {
        this.registry = "mock://" + scope;
        MappingSpecs specs = SpecLoader.load(catalog, specsDir);
        driver = new TopologyTestDriver(StandardizerTopology.build(catalog, specs,
                new StandardizerTopology.Settings(registry, metrics)), props);
    }

    private static Properties withStateDir(Path stateDir) {
        Properties props = TestDriverProperties.create();
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }

    /** {@link #onboarding(Path, String, String, String, String)} scoped to the running test method. */
    static StandardizerDriver onboarding(Path dir, String catalogYaml, String specId, String specYaml,
                                         TestInfo test) throws IOException {
        return onboarding(dir, catalogYaml, specId, specYaml, test.getTestMethod().orElseThrow().getName());
    }

    /**
     * A dataset onboarded as an integrator does it: a catalog file of one's own and the spec dropped
     * into a specs directory ({@code <dir>/specs/<spec id>.yaml}), both under {@code dir}.
     */
    static StandardizerDriver onboarding(Path dir, String catalogYaml, String specId, String specYaml,
                                         String scope) throws IOException {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), catalogYaml);
        Path specs = dir.resolve("specs");
        Path spec = specs.resolve(specId + ".yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, specYaml);
        return new StandardizerDriver(ExchangeCatalog.load(catalog.toString()), Optional.of(specs), scope);
    }

    TestInputTopic<String, byte[]> raw(String department, String dataset) {
        return driver.createInputTopic(Topics.raw(department, dataset), new StringSerializer(), new ByteArraySerializer());
    }

    <T extends SpecificRecord> TestOutputTopic<String, T> canonical(CanonicalEntity entity, Class<T> type) {
        ExchangeAvroDeserializer<T> values = new ExchangeAvroDeserializer<>(type);
        values.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registry), false);
        return driver.createOutputTopic(Topics.canonical(entity), new StringDeserializer(), values);
    }

    TestOutputTopic<String, byte[]> dlq() {
        return driver.createOutputTopic(Topics.DLQ_STANDARDIZER, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Canonical records as bytes, exactly as written. */
    TestOutputTopic<String, byte[]> canonicalBytes(CanonicalEntity entity) {
        return driver.createOutputTopic(Topics.canonical(entity), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Any topic the topology writes (changelogs included), as bytes. */
    TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The latest quality report of each dataset, after a quality interval of wall-clock time. */
    Map<String, DatasetQuality> reports() {
        driver.advanceWallClockTime(StandardizerTopology.DEFAULT_QUALITY_INTERVAL);
        return driver.createOutputTopic(Topics.QUALITY_DATASET, new StringDeserializer(),
                new JsonSerde<>(DatasetQuality.class).deserializer()).readKeyValuesToMap();
    }

    /** The headers ingest gives a raw record. */
    static Headers ingestHeaders(String department, String dataset, String recordId) {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, department);
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, dataset);
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, recordId);
        ExchangeHeaders.put(headers, ExchangeHeaders.CORRELATION_ID, "corr-" + recordId);
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, "2024-03-01T12:00:00Z");
        return headers;
    }

    /** The headers of a CSV data row that carries its file's header row inline (as ingest wrote them before header records). */
    static Headers csvHeaders(String department, String dataset, String recordId, byte[] headerRow) {
        Headers headers = ingestHeaders(department, dataset, recordId);
        headers.add(ExchangeHeaders.CSV_HEADER_ROW, headerRow);
        return headers;
    }

    /**
     * The CSV header record ingest writes before a batch's rows on each partition: the header row as
     * value, named by its id.
     */
    static Headers csvHeaderRecordHeaders(String department, String dataset, byte[] headerRow) {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_KIND, ExchangeHeaders.RECORD_KIND_CSV_HEADER);
        ExchangeHeaders.put(headers, ExchangeHeaders.CSV_HEADER_ID, CsvHeaderRecords.id(headerRow));
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, department);
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, dataset);
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, "2024-03-01T12:00:00Z");
        return headers;
    }

    /** The headers ingest gives a CSV data row after a header record: the id of its header row. */
    static Headers csvRowHeaders(String department, String dataset, String recordId, byte[] headerRow) {
        Headers headers = ingestHeaders(department, dataset, recordId);
        ExchangeHeaders.put(headers, ExchangeHeaders.CSV_HEADER_ID, CsvHeaderRecords.id(headerRow));
        return headers;
    }

    static String header(org.apache.kafka.streams.test.TestRecord<?, ?> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }

    static String errorCode(org.apache.kafka.streams.test.TestRecord<?, ?> record) {
        return header(record, ExchangeHeaders.ERROR_CODE);
    }

    @Override
    public void close() {
        driver.close();
    }
}
