package civic.exchange.facilityevents.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.registry.server.SchemaRegistryConfig;
import civic.exchange.registry.server.SchemaRegistryServer;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.serde.ExchangeAvroSerializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.topics.CanonicalEntity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The schema registry down, then back, on the real broker: the archive runs against a registry of
 * its own (a second instance of the project's registry on the bus's {@code _schemas} topic) that is
 * not started yet, so its address is a dead port. A facility published meanwhile is held back, not
 * skipped: nothing is committed past it and readiness is DOWN with the reason. Once that registry
 * starts on the port, the replaced stream thread reads the facility, it is served, and readiness is UP.
 */
@QuarkusTest
@TestProfile(RegistryOutageIT.ArchiveWithItsOwnRegistry.class)
class RegistryOutageIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String APPLICATION_ID = "registry-outage-archive";
    private static final String CHECK = "checks.find { it.name == '" + ArchiveProgressCheck.NAME + "' }";

    private static SchemaRegistryServer registry;

    @ConfigProperty(name = "exchange.schema-registry.url")
    String archivesRegistry;

    @Inject
    KafkaStreams streams;

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void aRegistryOutageHoldsTheFacilityBackUntilTheRegistryIsBack() throws Exception {
        BusFixture bus = BusFixtures.shared();
        Facility lamp = TestFacilities.streetlight("SL-" + UUID.randomUUID().toString().substring(0, 8), FacilityStatus.DEFECTIVE);
        RecordMetadata published;
        try (KafkaProducer<String, Facility> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ExchangeAvroSerializer.class,
                // the publisher reaches the bus's registry; only the archive's is down
                ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, bus.schemaRegistryUrl()))) {
            published = producer.send(new ProducerRecord<>(CanonicalEntity.FACILITY.topic(), lamp.getId(), lamp)).get();
        }
        TopicPartition partition = new TopicPartition(CanonicalEntity.FACILITY.topic(), published.partition());

        awaiting("readiness DOWN with the reason").untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(503)
                        .body(CHECK + ".status", equalTo("DOWN"))
                        .body(CHECK + ".data.reason", allOf(containsString("held back"),
                                containsString("SchemaRegistryUnavailableException"), containsString("unreachable"))));
        // not in the archive: 404, or 503 while the replaced thread rejoins and the store is not queryable
        given().get("/facilities/{id}", lamp.getId()).then().statusCode(anyOf(is(404), is(503)));
        // held back, not skipped: the stream thread has been replaced at least once and still nothing passed the record
        awaiting("a replaced thread").until(this::threadReplaced);
        assertThat(committed(bus, partition)).as("committed offset of %s", partition)
                .satisfiesAnyOf(c -> assertThat(c).isNull(), c -> assertThat(c.offset()).isLessThanOrEqualTo(published.offset()));

        registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(bus.bootstrapServers(), URI.create(archivesRegistry).getPort())
                .withLeaderEligible(false));

        awaiting("the facility, once the registry is back").untilAsserted(() ->
                given().get("/facilities/{id}", lamp.getId()).then().statusCode(200).body("status", equalTo("DEFECTIVE")));
        awaiting("readiness UP").untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body(CHECK + ".status", equalTo("UP")));
        assertThat(committed(bus, partition).offset()).isGreaterThan(published.offset());
    }

    /**
     * Awaitility, except that it lets other threads die: here the stream thread is meant to, and
     * Kafka Streams rethrows its failure once the replacement is under way.
     */
    private static ConditionFactory awaiting(String what) {
        return await(what).dontCatchUncaughtExceptions().atMost(BOUND).pollInterval(Duration.ofMillis(250));
    }

    /** Whether a stream thread died and was replaced: Kafka Streams' own count of failed threads. */
    private boolean threadReplaced() {
        return streams.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("failed-stream-threads"))
                .anyMatch(metric -> ((Number) metric.getValue().metricValue()).doubleValue() >= 1);
    }

    private static OffsetAndMetadata committed(BusFixture bus, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get().get(partition);
        }
    }

    /** The archive with an application id of its own, quick retries, and a registry at a port nothing listens on yet. */
    public static class ArchiveWithItsOwnRegistry implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.kafka-streams.application-id", APPLICATION_ID,
                    "exchange.schema-registry.retry-budget", "500ms",
                    "kafka-streams.commit.interval.ms", "500");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BusWithTheArchivesRegistryDown.class));
        }
    }

    /** The module's shared bus, except that the archive's registry is an address nothing answers at yet. */
    public static class BusWithTheArchivesRegistryDown implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            BusFixture bus = BusFixtures.shared();
            return Map.of(
                    "kafka.bootstrap.servers", bus.bootstrapServers(),
                    "quarkus.kafka-streams.bootstrap-servers", bus.bootstrapServers(),
                    "exchange.schema-registry.url", "http://127.0.0.1:" + freePort(),
                    "quarkus.kafka.devservices.enabled", "false",
                    "quarkus.devservices.enabled", "false");
        }

        @Override
        public void stop() {
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
