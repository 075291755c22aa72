package civic.exchange.facilityevents.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeAvroSerializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.topics.CanonicalEntity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service against a real broker and schema registry: canonical facilities produced in the wire
 * format the standardizer uses, read back over HTTP once the archive has them.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class FacilityArchiveIT {

    /** Several partitions, so listings read across more than one local store. */
    private static final int PARTITIONS = 3;
    private static final Duration BOUND = Duration.ofSeconds(90);

    private static KafkaProducer<String, Facility> producer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "exchange.schema-registry.url")
    String registryUrl;

    @ConfigProperty(name = "quarkus.kafka-streams.application-id")
    String applicationId;

    @BeforeEach
    void canonicalTopicAndProducer() throws Exception {
        if (producer != null) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(CanonicalEntity.FACILITY.topic(), PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ExchangeAvroSerializer.class,
                ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl));
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }

    private static String uniqueLocalId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void publish(Facility facility) throws Exception {
        producer.send(new ProducerRecord<>(CanonicalEntity.FACILITY.topic(), facility.getId(), facility)).get();
    }

    private static void remove(String id) throws Exception {
        producer.send(new ProducerRecord<>(CanonicalEntity.FACILITY.topic(), id, null)).get();
    }

    private static void awaitStatus(String id, FacilityStatus status) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/facilities/{id}", id).then().statusCode(200).body("status", equalTo(status.name())));
    }

    @Test
    void publishedFacilityIsServedAsJson() throws Exception {
        String localId = uniqueLocalId("SL");
        Facility lamp = TestFacilities.streetlight(localId, FacilityStatus.IN_SERVICE);
        publish(lamp);

        awaitStatus(lamp.getId(), FacilityStatus.IN_SERVICE);
        given().get("/facilities/{id}", lamp.getId()).then()
                .statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(lamp.getId()))
                .body("type", equalTo("STREETLIGHT"))
                .body("name", equalTo("Lamp " + localId))
                .body("location.latitude", equalTo(43.462f))
                .body("location.longitude", equalTo(-3.80f))
                .body("address", equalTo("Calle Cádiz 2, Santander"))
                .body("observedAt", equalTo("2024-05-01T08:30:00Z"))
                .body("source.department", equalTo("lighting"))
                .body("source.dataset", equalTo("streetlights"))
                .body("source.localId", equalTo(localId))
                .body("attributes.powerRatingW", equalTo("80"))
                .body("provenance.rawTopic", equalTo("raw.lighting.streetlights"))
                .body("provenance.rawOffset", equalTo(7))
                .body("provenance.recordId", equalTo("rec-" + localId))
                .body("provenance.ingestedAt", equalTo("2024-05-01T08:31:02.500Z"))
                .body("provenance.mappingSpec", equalTo("lighting/streetlights"))
                .body("provenance.mappingVersion", equalTo(3));
    }

    @Test
    void archiveRegistersNoSchemaAndRestoresFromItsOwnCompactedChangelog() throws Exception {
        Facility lamp = TestFacilities.streetlight(uniqueLocalId("SL"), FacilityStatus.IN_SERVICE);
        publish(lamp);
        awaitStatus(lamp.getId(), FacilityStatus.IN_SERVICE);
        String subjects = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(registryUrl + "/subjects")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(subjects).contains("canonical.facility-value").doesNotContain("changelog");
        String changelog = FacilityArchiveTopology.changelogTopic(applicationId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.listTopics().names().get())
                    .filteredOn(t -> t.startsWith(applicationId + "-"))
                    .containsExactly(changelog);
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, changelog);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            // bounded by the number of facilities, whatever canonical.facility keeps
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(admin.describeTopics(List.of(changelog)).allTopicNames().get().get(changelog).partitions())
                    .hasSize(PARTITIONS);
        }
        // what the changelog holds for the facility is the canonical record, under the canonical subject
        try (KafkaConsumer<String, Facility> changelogReader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ExchangeAvroDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ExchangeSerdeConfig.SPECIFIC_AVRO_READER, "true",
                ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))) {
            changelogReader.assign(changelogReader.partitionsFor(changelog).stream()
                    .map(p -> new TopicPartition(changelog, p.partition())).toList());
            changelogReader.seekToBeginning(changelogReader.assignment());
            List<Facility> found = new ArrayList<>();
            await().atMost(BOUND).until(() -> {
                changelogReader.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (lamp.getId().equals(r.key())) {
                        found.add(r.value());
                    }
                });
                return !found.isEmpty();
            });
            assertThat(found.get(0)).isEqualTo(lamp);
        }
    }

    @Test
    void updateReplacesTheStatus() throws Exception {
        String localId = uniqueLocalId("SL");
        publish(TestFacilities.streetlight(localId, FacilityStatus.IN_SERVICE));
        awaitStatus(TestFacilities.idOf(localId), FacilityStatus.IN_SERVICE);

        publish(TestFacilities.streetlight(localId, FacilityStatus.DEFECTIVE));

        awaitStatus(TestFacilities.idOf(localId), FacilityStatus.DEFECTIVE);
    }

    @Test
    void tombstoneRemovesTheFacility() throws Exception {
        String localId = uniqueLocalId("SL");
        publish(TestFacilities.streetlight(localId, FacilityStatus.RETIRED));
        awaitStatus(TestFacilities.idOf(localId), FacilityStatus.RETIRED);

        remove(TestFacilities.idOf(localId));

        await().atMost(BOUND).untilAsserted(() ->
                given().get("/facilities/{id}", TestFacilities.idOf(localId)).then().statusCode(404));
    }

    @Test
    void listingFiltersByTypeAndStatus() throws Exception {
        Facility plannedBin = TestFacilities.facility(uniqueLocalId("WC"), FacilityType.WASTE_CONTAINER, FacilityStatus.PLANNED);
        Facility plannedTree = TestFacilities.facility(uniqueLocalId("T"), FacilityType.TREE, FacilityStatus.PLANNED);
        Facility workingBin = TestFacilities.facility(uniqueLocalId("WC"), FacilityType.WASTE_CONTAINER, FacilityStatus.IN_SERVICE);
        publish(plannedBin);
        publish(plannedTree);
        publish(workingBin);
        awaitStatus(workingBin.getId(), FacilityStatus.IN_SERVICE);
        awaitStatus(plannedTree.getId(), FacilityStatus.PLANNED);
        awaitStatus(plannedBin.getId(), FacilityStatus.PLANNED);

        given().queryParam("type", "waste_container").queryParam("status", "Planned").queryParam("limit", 1000)
                .get("/facilities").then()
                .statusCode(200)
                .body("id", hasItem(plannedBin.getId()))
                .body("id", not(hasItem(plannedTree.getId())))
                .body("id", not(hasItem(workingBin.getId())))
                .body("type", everyItem(equalTo("WASTE_CONTAINER")))
                .body("status", everyItem(equalTo("PLANNED")));
        given().queryParam("status", "PLANNED").queryParam("limit", 1000).get("/facilities").then()
                .statusCode(200)
                .body("id", hasItems(plannedBin.getId(), plannedTree.getId()))
                .body("id", not(hasItem(workingBin.getId())));
        given().queryParam("limit", 1).get("/facilities").then()
                .statusCode(200)
                .body("$", hasSize(1));
    }

    @Test
    void unknownFacilityIsA404() {
        await().atMost(BOUND).untilAsserted(() ->
                given().get("/facilities/{id}", "no-such-facility").then()
                        .statusCode(404)
                        .contentType("application/json")
                        .body("error", equalTo("NOT_FOUND"))
                        .body("message", equalTo("No facility 'no-such-facility'")));
    }

    @Test
    void badFiltersAreA400WithTheReason() {
        given().queryParam("type", "lamppost").get("/facilities").then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("INVALID_PARAMETER"))
                .body("parameter", equalTo("type"))
                .body("message", equalTo("Unknown type 'lamppost': expected one of STREETLIGHT, CONTROL_CABINET, TREE, "
                        + "WASTE_CONTAINER, PARKING_SPOT, OTHER"))
                .body("allowed", hasItems("STREETLIGHT", "TREE", "OTHER"));
        given().queryParam("status", "broken").get("/facilities").then()
                .statusCode(400)
                .body("parameter", equalTo("status"))
                .body("allowed", hasItems("IN_SERVICE", "DEFECTIVE", "UNKNOWN"));
        for (String limit : List.of("0", "1001", "abc")) {
            given().queryParam("limit", limit).get("/facilities").then()
                    .statusCode(400)
                    .body("parameter", equalTo("limit"))
                    .body("message", org.hamcrest.Matchers.containsString("between 1 and 1000"));
        }
    }

    @Test
    void healthIsReadyOnceTheArchiveRunsAndMetricsAreExposed() {
        await().atMost(BOUND).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.find { it.name == '" + ArchiveProgressCheck.NAME + "' }.status", equalTo("UP")));
        given().get("/q/metrics").then().statusCode(200);
    }
}
