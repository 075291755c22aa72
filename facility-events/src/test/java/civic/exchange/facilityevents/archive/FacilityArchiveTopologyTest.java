package civic.exchange.facilityevents.archive;

import static civic.exchange.facilityevents.archive.TestFacilities.idOf;
import static civic.exchange.facilityevents.archive.TestFacilities.streetlight;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.topics.CanonicalEntity;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FacilityArchiveTopologyTest {

    private static final String REGISTRY = "mock://facility-archive-topology-test";

    private TopologyTestDriver driver;
    private TestInputTopic<String, Facility> canonical;
    private KeyValueStore<String, Facility> store;

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
    void undecodableRecordIsSkippedAndTheArchiveKeepsGoing() {
        TestInputTopic<String, byte[]> rawBytes = driver.createInputTopic(
                CanonicalEntity.FACILITY.topic(), new StringSerializer(), new ByteArraySerializer());
        rawBytes.pipeInput(idOf("SL-7"), "{\"not\":\"avro\"}".getBytes());
        canonical.pipeInput(idOf("SL-8"), streetlight("SL-8", FacilityStatus.IN_SERVICE));

        assertThat(store.get(idOf("SL-7"))).isNull();
        assertThat(store.get(idOf("SL-8"))).isNotNull();
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
    private static Properties deployedStreamsConfig() throws IOException {
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
        streams.put(StreamsConfig.APPLICATION_ID_CONFIG, application.getProperty("quarkus.kafka-streams.application-id"));
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return streams;
    }
}
