package civic.exchange.facilityevents.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.serde.ExchangeAvroSerializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.topics.CanonicalEntity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the archive, one application id, on the real broker: this test's Quarkus
 * application (instance A, HTTP on a fixed port it advertises) and the packaged application run as
 * a second process (instance B, its own port and state directory), the way a deployment runs two
 * replicas. Kafka Streams splits the partitions of canonical.facility between them; every facility
 * is found from either instance (the owner answers, the other forwards) and a listing from either is
 * the whole archive. An instance that stops answering makes a listing a 503 naming it, not a short list.
 */
@QuarkusTest
@TestProfile(TwoInstancesIT.InstanceA.class)
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class TwoInstancesIT {

    private static final Duration BOUND = Duration.ofSeconds(180);
    private static final int PARTITIONS = 3;
    /** Facilities per partition, so both instances own some whatever the split. */
    private static final int PER_PARTITION = 3;
    private static final String PORT_PROPERTY = "facility-events.it.instance-a.port";
    /** Long enough that a paused instance B stays in the group while the test asks A about it. */
    private static final String SESSION_TIMEOUT_MS = "45000";

    private static Process instanceB;
    private static int portB;
    private static Path logB;

    @BeforeAll
    static void startInstanceB() throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: it is built by the package phase, run this test with mvn verify");
        }
        BusFixture bus = BusFixtures.shared();
        portB = freePort();
        logB = Files.createDirectories(Path.of("target", "two-instances")).resolve("instance-b.log");
        Path stateB = Files.createTempDirectory(Path.of("target", "two-instances"), "state-b-");
        instanceB = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + portB,
                "-Dkafka.bootstrap.servers=" + bus.bootstrapServers(),
                "-Dexchange.schema-registry.url=" + bus.schemaRegistryUrl(),
                "-Dkafka-streams.state.dir=" + stateB,
                "-Dkafka-streams.session.timeout.ms=" + SESSION_TIMEOUT_MS,
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(logB.toFile()).start();
    }

    @AfterAll
    static void stopInstanceB() throws InterruptedException {
        if (instanceB != null) {
            signal("-CONT");
            instanceB.destroy();
            if (!instanceB.waitFor(30, TimeUnit.SECONDS)) {
                instanceB.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Instance B answers and is ready (its Kafka Streams running); on time-out, its log says why. */
    private static void awaitInstanceBReady() {
        await("instance B ready").atMost(BOUND).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            assertThat(instanceB.isAlive()).as("instance B is running; its log:%n%s", tail()).isTrue();
            given().get("http://localhost:" + portB + "/q/health/ready").then().statusCode(200);
        });
    }

    @Test
    void everyFacilityIsFoundAndListedFromEitherInstance() throws Exception {
        awaitInstanceBReady();
        List<Facility> facilities = publishOnEveryPartition();
        Set<String> ids = new HashSet<>(facilities.stream().map(Facility::getId).toList());
        String a = "http://localhost:" + Integer.getInteger(PORT_PROPERTY);
        String b = "http://localhost:" + portB;

        // both running, and the partitions split between them: each holds part of the facilities
        await("the partitions split between A and B").atMost(BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(instanceB.isAlive()).as("instance B is running; its log:%n%s", tail()).isTrue();
            Set<String> onA = localIds(a, ids);
            Set<String> onB = localIds(b, ids);
            assertThat(onA).as("A's own partitions").isNotEmpty();
            assertThat(onB).as("B's own partitions").isNotEmpty();
            assertThat(union(onA, onB)).isEqualTo(ids);
        });

        await("every facility from either instance").atMost(BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String instance : List.of(a, b)) {
                for (Facility facility : facilities) {
                    given().get(instance + "/facilities/{id}", facility.getId()).then()
                            .statusCode(200)
                            .body("id", equalTo(facility.getId()))
                            .body("source.localId", equalTo(facility.getSource().getLocalId()));
                }
                assertThat(listedIds(instance, "", ids)).as("listing from %s", instance).isEqualTo(ids);
            }
        });
        // the same listing, in id order, whichever instance is asked; a limit cuts the whole archive's listing
        List<String> whole = listing(a, "&limit=1000").statusCode(200).extract().jsonPath().getList("id", String.class);
        assertThat(whole).isSorted().containsAll(ids)
                .isEqualTo(listing(b, "&limit=1000").statusCode(200).extract().jsonPath().getList("id", String.class));
        assertThat(listing(a, "&limit=4").statusCode(200).extract().jsonPath().getList("id", String.class))
                .isEqualTo(listing(b, "&limit=4").statusCode(200).extract().jsonPath().getList("id", String.class))
                .isEqualTo(whole.subList(0, 4));
        given().get(a + "/facilities/{id}", "no-such-facility").then().statusCode(404).body("error", equalTo("NOT_FOUND"));
        given().get(b + "/facilities/{id}", "no-such-facility").then().statusCode(404).body("error", equalTo("NOT_FOUND"));
    }

    @Test
    void anInstanceThatDoesNotAnswerMakesAListingA503NamingIt() throws Exception {
        awaitInstanceBReady();
        List<Facility> facilities = publishOnEveryPartition();
        String a = "http://localhost:" + Integer.getInteger(PORT_PROPERTY);
        String b = "http://localhost:" + portB;
        Set<String> ids = new HashSet<>(facilities.stream().map(Facility::getId).toList());
        await("B serves its partitions").atMost(BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(localIds(b, ids)).isNotEmpty());
        String ownedByB = localIds(b, ids).iterator().next();

        signal("-STOP");
        try {
            listing(a, "").statusCode(503)
                    .body("error", equalTo("INSTANCE_UNAVAILABLE"))
                    .body("message", containsString("Archive instance localhost:" + portB + " did not answer the listing within 2000 ms"))
                    .header("Retry-After", equalTo("2"));
            given().get(a + "/facilities/{id}", ownedByB).then().statusCode(503)
                    .body("error", equalTo("INSTANCE_UNAVAILABLE"))
                    .body("message", containsString("did not answer the lookup of facility '" + ownedByB + "' within 2000 ms"));
        } finally {
            signal("-CONT");
        }
        await("B answers again").atMost(BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().get(a + "/facilities/{id}", ownedByB).then().statusCode(200));
    }

    /** Facilities of this test, {@value #PER_PARTITION} on each partition of canonical.facility. */
    private static List<Facility> publishOnEveryPartition() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int[] count = new int[PARTITIONS];
        List<Facility> facilities = new ArrayList<>();
        for (int i = 0; facilities.size() < PARTITIONS * PER_PARTITION; i++) {
            Facility facility = TestFacilities.facility("PS-" + run + "-" + i, FacilityType.PARKING_SPOT, FacilityStatus.UNDER_MAINTENANCE);
            int partition = Utils.toPositive(Utils.murmur2(facility.getId().getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (count[partition] < PER_PARTITION) {
                count[partition]++;
                facilities.add(facility);
            }
        }
        BusFixture bus = BusFixtures.shared();
        try (KafkaProducer<String, Facility> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ExchangeAvroSerializer.class,
                ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, bus.schemaRegistryUrl()))) {
            for (Facility facility : facilities) {
                producer.send(new ProducerRecord<>(CanonicalEntity.FACILITY.topic(), facility.getId(), facility)).get();
            }
        }
        return facilities;
    }

    private static ValidatableResponse listing(String instance, String more) {
        return given().get(instance + "/facilities?type=parking_spot&status=under_maintenance" + more).then();
    }

    /** Those of {@code ids} in an instance's listing (the other test publishes parking spots under maintenance too). */
    private static Set<String> listedIds(String instance, String scope, Set<String> ids) {
        Set<String> listed = new HashSet<>(listing(instance, "&limit=1000" + scope).statusCode(200).extract().jsonPath().getList("id", String.class));
        listed.retainAll(ids);
        return listed;
    }

    private static Set<String> localIds(String instance, Set<String> ids) {
        return listedIds(instance, "&scope=local", ids);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union;
    }

    /** Pauses (-STOP) or resumes (-CONT) instance B, the process this test started. */
    private static void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(instanceB.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).as("kill %s %s", signal, instanceB.pid()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(logB);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Instance A: the test's application on a port fixed up front, which it advertises as its application.server. */
    public static class InstanceA implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            synchronized (System.getProperties()) {
                if (System.getProperty(PORT_PROPERTY) == null) {
                    System.setProperty(PORT_PROPERTY, Integer.toString(freePort()));
                }
            }
            String port = System.getProperty(PORT_PROPERTY);
            return Map.of(
                    "quarkus.http.test-port", port,
                    "quarkus.kafka-streams.application-server", "localhost:" + port,
                    "kafka-streams.session.timeout.ms", SESSION_TIMEOUT_MS);
        }
    }
}
