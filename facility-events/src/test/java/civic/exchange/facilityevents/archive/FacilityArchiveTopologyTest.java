package civic.exchange.facilityevents.archive;

import static civic.exchange.facilityevents.archive.TestFacilities.idOf;
import static civic.exchange.facilityevents.archive.TestFacilities.streetlight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.registry.RegisteredSchema;
import civic.exchange.registry.SchemaRegistryClient;
import civic.exchange.registry.SchemaRegistryClients;
import civic.exchange.registry.SchemaRegistryUnavailableException;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.streams.failure.StreamsHealth;
import civic.exchange.streams.failure.StreamsSafetyNet;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacilityArchiveTopologyTest {

    private static final String REGISTRY = "mock://facility-archive-topology-test";

    private static final String APPLICATION_ID = "facility-events";

    @TempDir
    Path stateDir;

    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private TopologyTestDriver driver;
    private TestInputTopic<String, Facility> canonical;
    private KeyValueStore<String, Facility> store;
    /** The deployed application id, or one of a test's own where it leaves a failure in the process-wide health. */
    private String applicationId = APPLICATION_ID;

    @BeforeEach
    void start() throws IOException {
        ExchangeAvroSerde<Facility> serde = ExchangeAvroSerde.forValues(Facility.class, REGISTRY);
        driver = new TopologyTestDriver(FacilityArchiveTopology.withRegistry(REGISTRY).build(), deployedStreamsConfig());
        canonical = driver.createInputTopic(CanonicalEntity.FACILITY.topic(), new StringSerializer(), serde.serializer());
        store = driver.getKeyValueStore(FacilityArchiveTopology.STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void storeHoldsTheLatestStatePerFacility() {
        canonical.pipeInput(idOf("SL-1"), streetlight("SL-1", FacilityStatus.IN_SERVICE));
        canonical.pipeInput(idOf("SL-2"), streetlight("SL-2", FacilityStatus.IN_SERVICE));
        canonical.pipeInput(idOf("SL-1"), streetlight("SL-1", FacilityStatus.DEFECTIVE));
        canonical.pipeInput(idOf("SL-1"), streetlight("SL-1", FacilityStatus.UNDER_MAINTENANCE));

        // RocksDB's approximateNumEntries counts writes, not keys: count the keys themselves.
        try (var all = store.all()) {
            java.util.List<String> ids = new java.util.ArrayList<>();
            all.forEachRemaining(kv -> ids.add(kv.key));
            assertThat(ids).containsExactlyInAnyOrder(idOf("SL-1"), idOf("SL-2"));
        }
        assertThat(store.get(idOf("SL-1")).getStatus()).isEqualTo(FacilityStatus.UNDER_MAINTENANCE);
        assertThat(store.get(idOf("SL-2")).getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
    }

    @Test
    void storedFacilityKeepsEveryField() {
        Facility published = streetlight("SL-3", FacilityStatus.PLANNED);
        canonical.pipeInput(idOf("SL-3"), published);

        assertThat(store.get(idOf("SL-3"))).isEqualTo(published);
    }

    @Test
    void tombstoneRemovesTheFacility() {
        canonical.pipeInput(idOf("SL-4"), streetlight("SL-4", FacilityStatus.IN_SERVICE));
        canonical.pipeInput(idOf("SL-5"), streetlight("SL-5", FacilityStatus.IN_SERVICE));
        canonical.pipeInput(idOf("SL-4"), (Facility) null);

        assertThat(store.get(idOf("SL-4"))).isNull();
        assertThat(store.get(idOf("SL-5"))).isNotNull();
    }

    @Test
    void facilityPublishedAgainAfterATombstoneComesBack() {
        canonical.pipeInput(idOf("SL-6"), streetlight("SL-6", FacilityStatus.IN_SERVICE));
        canonical.pipeInput(idOf("SL-6"), (Facility) null);
        canonical.pipeInput(idOf("SL-6"), TestFacilities.facility("SL-6", FacilityType.STREETLIGHT, FacilityStatus.RETIRED));

        assertThat(store.get(idOf("SL-6")).getStatus()).isEqualTo(FacilityStatus.RETIRED);
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicWithTheReasonAndTheArchiveKeepsGoing() {
        TestInputTopic<String, byte[]> rawBytes = driver.createInputTopic(
                CanonicalEntity.FACILITY.topic(), new StringSerializer(), new ByteArraySerializer());
        byte[] json = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        rawBytes.pipeInput(idOf("SL-7"), json);
        canonical.pipeInput(idOf("SL-8"), streetlight("SL-8", FacilityStatus.IN_SERVICE));

        assertThat(store.get(idOf("SL-7"))).isNull();
        assertThat(store.get(idOf("SL-8"))).isNotNull();
        assertThat(deadLetters.history()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(Topics.DLQ_FACILITY_EVENTS);
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(idOf("SL-7"));
            assertThat(dead.value()).isEqualTo(json);
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.ERROR_CODE)).isEqualTo("SCHEMA_VIOLATION");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.ERROR_MESSAGE)).contains("Unknown magic byte 0x7b");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.ERROR_STAGE)).isEqualTo(Topics.STAGE_FACILITY_EVENTS);
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(CanonicalEntity.FACILITY.topic());
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.SOURCE_OFFSET)).isEqualTo("0");
        });
    }

    @Test
    void registryOutageStopsTheArchiveAtTheRecordInsteadOfSkippingIt() throws IOException {
        driver.close();
        applicationId = "facility-archive-outage-test";
        StreamsHealth health = StreamsHealth.of(applicationId);
        health.trackCommits();
        AtomicBoolean registryDown = new AtomicBoolean(true);
        SchemaRegistryClient flaky = new SchemaRegistryClient() {
            private final SchemaRegistryClient registry = SchemaRegistryClients.forUrl(REGISTRY);

            @Override
            public int register(String subject, Schema schema) {
                return registry.register(subject, schema);
            }

            @Override
            public int lookup(String subject, Schema schema) {
                return registry.lookup(subject, schema);
            }

            @Override
            public Schema schemaById(int id) {
                if (registryDown.get()) {
                    throw new SchemaRegistryUnavailableException("Schema registry at http://registry:8081 unreachable after 5 attempts", null);
                }
                return registry.schemaById(id);
            }

            @Override
            public RegisteredSchema latest(String subject) {
                return registry.latest(subject);
            }

            @Override
            public void setCompatibility(String subject, String level) {
                registry.setCompatibility(subject, level);
            }

            @Override
            public java.util.Optional<String> compatibility(String subject) {
                return registry.compatibility(subject);
            }
        };
        driver = new TopologyTestDriver(new FacilityArchiveTopology(new ExchangeAvroSerde<>(Facility.class, flaky, false)).build(),
                deployedStreamsConfig());
        canonical = driver.createInputTopic(CanonicalEntity.FACILITY.topic(), new StringSerializer(),
                ExchangeAvroSerde.forValues(Facility.class, REGISTRY).serializer());

        assertThatThrownBy(() -> canonical.pipeInput(idOf("SL-9"), streetlight("SL-9", FacilityStatus.IN_SERVICE)))
                .hasRootCauseInstanceOf(SchemaRegistryUnavailableException.class);

        assertThat(deadLetters.history()).as("not the record's fault: nothing dead-lettered").isEmpty();
        assertThat(driver.<String, Facility>getKeyValueStore(FacilityArchiveTopology.STORE).get(idOf("SL-9"))).isNull();
        assertThat(health.current()).hasValueSatisfying(problem -> assertThat(problem.reason())
                .startsWith("record canonical.facility-0@0 held back: SchemaRegistryUnavailableException: ")
                .contains("unreachable after 5 attempts"));
    }

    @Test
    void theStoreKeepsItsOwnChangelogAndNeverUsesCanonicalFacilityAsOne() {
        canonical.pipeInput(idOf("SL-10"), streetlight("SL-10", FacilityStatus.IN_SERVICE));

        assertThat(driver.producedTopicNames())
                .containsExactly(FacilityArchiveTopology.changelogTopic(APPLICATION_ID))
                .doesNotContain(CanonicalEntity.FACILITY.topic());
    }

    @Test
    void deployedSettingsInstallTheWholeSafetyNet() throws IOException {
        Properties deployed = deployedStreamsConfig();

        java.util.Map<String, Object> safetyNet = new java.util.HashMap<>(
                StreamsSafetyNet.properties(Topics.DLQ_FACILITY_EVENTS, Topics.STAGE_FACILITY_EVENTS));
        safetyNet.putAll(StreamsSafetyNet.commitTracking());
        safetyNet.forEach((key, value) -> assertThat(deployed.getProperty(key)).as(key).isEqualTo(value));
        assertThat(deployed).doesNotContainKey(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG);
    }

    @Test
    void topologyNamesItsSourceAndStore() {
        String description = FacilityArchiveTopology.withRegistry(REGISTRY).build().describe().toString();

        assertThat(description)
                .contains(FacilityArchiveTopology.SOURCE)
                .contains("stores: [" + FacilityArchiveTopology.STORE + "]")
                .contains("topics: [" + CanonicalEntity.FACILITY.topic() + "]");
    }

    /**
     * The Kafka Streams settings the service runs with ({@code kafka-streams.*} in
     * application.properties), so the tests exercise the deployed error handling.
     */
    private Properties deployedStreamsConfig() throws IOException {
        Properties application = new Properties();
        try (InputStream in = FacilityArchiveTopologyTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        Properties streams = new Properties();
        application.stringPropertyNames().stream()
                .filter(key -> key.startsWith("kafka-streams."))
                // placeholders (the state directory) are for the running service; the driver keeps its own
                .filter(key -> !application.getProperty(key).contains("${"))
                .forEach(key -> streams.put(key.substring("kafka-streams.".length()), application.getProperty(key)));
        assertThat(application.getProperty("quarkus.kafka-streams.application-id")).isEqualTo(APPLICATION_ID);
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        streams.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // no broker here: dead letters go to a mock producer
        streams.put(StreamsSafetyNet.DLQ_PRODUCER, deadLetters);
        return streams;
    }
}
