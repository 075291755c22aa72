package civic.exchange.standardizer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.standardizer.topology.StandardizerMetrics;
import civic.exchange.standardizer.topology.StandardizerTopology;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * A CSV header row outlives the instance that read it, on a real broker: a standardizer reads a
 * header record and a row naming it, then stops and its state directory is deleted (as when its
 * tasks move to an instance that never ran them); the next instance restores the dataset's
 * {@code csv-headers} store from its changelog, and a row of the same batch read only now, long
 * after the header record's offset was committed, is still mapped.
 */
class CsvHeaderStoreRestoreIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final BusFixture bus = BusFixtures.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String dataset = "restore-" + run;
    private final String rawTopic = Topics.raw("hotline", dataset);

    @Test
    void aRowReadAfterARestartOnAnEmptyStateDirectoryFindsItsHeaderRow() throws Exception {
        List<byte[]> lines = lines(SharedDatasets.bytes("losangeles-myla311-service-requests.csv"));
        byte[] header = lines.get(0);
        createRawTopic();
        Topology topology = topology();
        Properties props = properties();

        produce(csvHeaderRecord(header), row(lines.get(1), header, 1));
        Path firstState = Path.of(props.getProperty(StreamsConfig.STATE_DIR_CONFIG));
        try (KafkaStreams first = new KafkaStreams(topology, props)) {
            first.start();
            awaitCanonical(first, lines.get(1), "first");
            first.close(Duration.ofSeconds(30));
        }
        deleteRecursively(firstState);

        produce(row(lines.get(2), header, 2));
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("csv-header-restore").toString());
        try (KafkaStreams second = new KafkaStreams(topology, props)) {
            second.start();
            awaitCanonical(second, lines.get(2), "second");
            second.close(Duration.ofSeconds(30));
        }
    }

    private Topology topology() {
        String yaml = """
                departments:
                  - id: hotline
                    publishes:
                      - {id: %s, format: csv, entity: service-request, key: SRNumber, mapping: hotline/myla311}
                """.formatted(dataset);
        ExchangeCatalog catalog = ExchangeCatalog.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "catalog.yaml");
        return StandardizerTopology.build(catalog, SpecLoader.load(catalog, Optional.empty()),
                new StandardizerTopology.Settings(bus.schemaRegistryUrl(), StandardizerMetrics.NONE));
    }

    private Properties properties() throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "csv-header-restore-it-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("csv-header-restore").toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    private void createRawTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(rawTopic, 3, (short) 1))).all().get();
        }
    }

    /** As HTTP ingest writes it: the header row, before the rows, on the rows' partition. */
    private ProducerRecord<String, byte[]> csvHeaderRecord(byte[] header) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rawTopic, 0, null, header);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_KIND, ExchangeHeaders.RECORD_KIND_CSV_HEADER);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.CSV_HEADER_ID, CsvHeaderRecords.id(header));
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, "hotline");
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, dataset);
        return record;
    }

    /** A row naming its header row by id only. */
    private ProducerRecord<String, byte[]> row(byte[] row, byte[] header, int index) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rawTopic, 0, srNumber(row), row);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, "hotline");
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, dataset);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_ID, "restore-" + run + "-" + index);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8");
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.CSV_HEADER_ID, CsvHeaderRecords.id(header));
        return record;
    }

    @SafeVarargs
    private void produce(ProducerRecord<String, byte[]>... records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    /** The row's service request on its canonical topic; its rejection fails the test at once. */
    private void awaitCanonical(KafkaStreams standardizer, byte[] row, String phase) {
        String localId = srNumber(row);
        String canonicalId = CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "hotline", dataset, localId);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "csv-header-restore-reader-" + run + "-" + phase,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.canonical(CanonicalEntity.SERVICE_REQUEST), Topics.DLQ_STANDARDIZER));
            boolean[] found = {false};
            await(phase).atMost(PATIENCE)
                    .failFast("the standardizer stopped", () -> standardizer.state() == KafkaStreams.State.ERROR)
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (record.topic().equals(Topics.DLQ_STANDARDIZER) && localId.equals(record.key())
                                    && dataset.equals(ExchangeHeaders.get(record.headers(), ExchangeHeaders.DATASET))) {
                                throw new AssertionError(phase + ": row " + localId + " rejected with "
                                        + ExchangeHeaders.get(record.headers(), ExchangeHeaders.ERROR_CODE) + ": "
                                        + ExchangeHeaders.get(record.headers(), ExchangeHeaders.ERROR_MESSAGE));
                            }
                            found[0] |= canonicalId.equals(record.key());
                        }
                        return found[0];
                    });
        }
        assertThat(standardizer.state().isRunningOrRebalancing()).isTrue();
    }

    private static String srNumber(byte[] row) {
        return new String(row, StandardCharsets.UTF_8).split(",", 2)[0];
    }

    private static List<byte[]> lines(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank()).limit(3).map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
