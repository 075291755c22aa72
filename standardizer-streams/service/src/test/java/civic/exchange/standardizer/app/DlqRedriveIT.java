package civic.exchange.standardizer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A spec fix followed by a re-drive, on a real broker: the previous deployment refused defective
 * streetlights (its spec lacked the code), the service runs with the fixed spec, the operator
 * re-drives the dataset's UNKNOWN_CODE records over HTTP. Each light becomes a canonical facility
 * exactly once, the record that failed for another reason stays in the DLQ, and a second re-drive
 * re-drives nothing.
 */
@QuarkusTest
@TestProfile(DlqRedriveIT.AfterASpecFix.class)
class DlqRedriveIT {

    /** The service starts after {@link PreviousSpecDeployment} left rejected records behind. */
    public static class AfterASpecFix implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreviousSpecDeployment.class));
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREETLIGHTS = "lighting/streetlights";

    @TestHTTPResource("/dlq/standardizer/redrive")
    URL redrive;

    @ConfigProperty(name = PreviousSpecDeployment.RUN)
    String run;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void afterTheFixTheRejectedLightsAreRedrivenOnceAndOnlyOnce() throws Exception {
        List<String> lights = new ArrayList<>();
        for (int i = 1; i <= PreviousSpecDeployment.DEFECTIVE; i++) {
            lights.add(PreviousSpecDeployment.localId(run, i));
        }
        assertThat(dlqCodes()).as("left by the previous deployment").containsEntry("UNKNOWN_CODE", 3L).containsEntry("OUT_OF_RANGE", 1L);
        assertThat(facilities()).as("nothing standardized before the re-drive").isEmpty();

        JsonNode dry = post("dataset=" + STREETLIGHTS + "&errorCode=UNKNOWN_CODE&dryRun=true", 200);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("redriven").asLong()).isGreaterThanOrEqualTo(3);

        JsonNode first = post("dataset=" + STREETLIGHTS + "&errorCode=UNKNOWN_CODE", 200);
        assertThat(first.get("dataset").asText()).isEqualTo(STREETLIGHTS);
        assertThat(first.get("errorCode").asText()).isEqualTo("UNKNOWN_CODE");
        assertThat(first.get("redriven").asLong()).as("the dry run moved nothing").isEqualTo(dry.get("redriven").asLong());
        assertThat(first.get("skipped").asLong()).as("at least the record with a bad latitude").isGreaterThanOrEqualTo(1);
        assertThat(first.get("fromOffset").get("0").asLong()).isLessThan(first.get("toOffset").get("0").asLong());

        // The fixed spec standardizes them: one facility per light, with the record ids they were ingested with.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(facilities().keySet()).containsExactlyInAnyOrderElementsOf(lights));
        Map<String, List<GenericRecord>> facilities = facilities();
        for (int i = 1; i <= PreviousSpecDeployment.DEFECTIVE; i++) {
            String localId = PreviousSpecDeployment.localId(run, i);
            assertThat(facilities.get(localId)).as(localId).hasSize(1);
            GenericRecord facility = facilities.get(localId).get(0);
            assertThat(facility.get("id")).hasToString(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", localId));
            assertThat(facility.get("status")).hasToString("DEFECTIVE");
            assertThat(((GenericRecord) facility.get("provenance")).get("recordId")).hasToString(PreviousSpecDeployment.recordId(run, i));
        }

        JsonNode second = post("dataset=" + STREETLIGHTS + "&errorCode=UNKNOWN_CODE", 200);
        assertThat(second.get("redriven").asLong()).isZero();
        assertThat(second.get("fromOffset").get("0").asLong()).isEqualTo(first.get("toOffset").get("0").asLong());

        // On the raw topic: each light twice (ingest, one re-drive), the bad latitude once (another code).
        Map<String, Long> raw = countByRecordId(Topics.raw("lighting", "streetlights"));
        for (int i = 1; i <= PreviousSpecDeployment.DEFECTIVE; i++) {
            assertThat(raw.get(PreviousSpecDeployment.recordId(run, i))).isEqualTo(2L);
        }
        assertThat(raw.get(PreviousSpecDeployment.recordId(run, 0))).isEqualTo(1L);
        assertThat(dlqCodes()).as("nothing failed again").containsEntry("UNKNOWN_CODE", 3L).containsEntry("OUT_OF_RANGE", 1L);
        assertThat(facilities().values()).allSatisfy(list -> assertThat(list).hasSize(1));
    }

    @Test
    void theCrossReferenceAndTheQualityReportsAreWritten() {
        // The previous deployment's rejections are still counted: same application id, so this
        // service restored the counters from their changelog instead of starting from zero.
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode report = latestReport(STREETLIGHTS);
            assertThat(report).isNotNull();
            assertThat(report.get("in").asLong())
                    .isEqualTo(report.get("out").asLong() + report.get("rejected").asLong() + report.get("duplicates").asLong());
            assertThat(report.get("rejectedByCode").get("UNKNOWN_CODE").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(report.get("rejectedByField").get("OUT_OF_RANGE").get("location").asLong()).isGreaterThanOrEqualTo(1);
        });
        // Every facility the standardizer writes is cross-referenced, e.g. the FIWARE light of other tests.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(readAll(Topics.XREF_FACILITY, new StringDeserializer(), r -> true))
                .allSatisfy(r -> assertThat(r.key()).matches("[a-z0-9-]+/[a-z0-9-]+/.+")));
    }

    @Test
    void badRequestsAreAnsweredWithTheReason() throws Exception {
        JsonNode missing = post("", 400);
        assertThat(missing.get("error").asText()).isEqualTo("MISSING_REQUIRED_FIELD");
        assertThat(missing.get("field").asText()).isEqualTo("dataset");

        JsonNode unknownDataset = post("dataset=lighting/lamps", 404);
        assertThat(unknownDataset.get("error").asText()).isEqualTo("UNKNOWN_DATASET");
        assertThat(unknownDataset.get("message").asText()).contains("lighting/lamps");

        JsonNode badCode = post("dataset=" + STREETLIGHTS + "&errorCode=BROKEN", 400);
        assertThat(badCode.get("error").asText()).isEqualTo("INVALID_VALUE");
        assertThat(badCode.get("field").asText()).isEqualTo("errorCode");
        assertThat(badCode.get("message").asText()).contains("UNKNOWN_CODE");
    }

    private JsonNode post(String query, int status) throws Exception {
        String encoded = query.replace("/", URLEncoder.encode("/", StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(redrive + (query.isEmpty() ? "" : "?" + encoded)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** This run's canonical facilities, by local id. */
    private Map<String, List<GenericRecord>> facilities() {
        ExchangeAvroDeserializer<GenericRecord> values = new ExchangeAvroDeserializer<>();
        values.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, BusFixtures.shared().schemaRegistryUrl()), false);
        return readAll(CanonicalEntity.FACILITY.topic(), values, r -> true).stream()
                .map(ConsumerRecord::value)
                .filter(f -> ((GenericRecord) f.get("source")).get("localId").toString().startsWith("streetlight:redrive-" + run))
                .collect(Collectors.groupingBy(f -> ((GenericRecord) f.get("source")).get("localId").toString()));
    }

    /** Error codes of this run's DLQ records. */
    private Map<String, Long> dlqCodes() {
        return readAll(Topics.DLQ_STANDARDIZER, new ByteArrayDeserializer(), this::ofThisRun).stream()
                .collect(Collectors.groupingBy(r -> ExchangeHeaders.get(r.headers(), ExchangeHeaders.ERROR_CODE), Collectors.counting()));
    }

    private Map<String, Long> countByRecordId(String topic) {
        return readAll(topic, new ByteArrayDeserializer(), this::ofThisRun).stream()
                .collect(Collectors.groupingBy(r -> ExchangeHeaders.get(r.headers(), ExchangeHeaders.RECORD_ID), Collectors.counting()));
    }

    private boolean ofThisRun(ConsumerRecord<String, ?> record) {
        String id = ExchangeHeaders.get(record.headers(), ExchangeHeaders.RECORD_ID);
        return id != null && id.startsWith("redrive-" + run);
    }

    private static JsonNode latestReport(String dataset) throws Exception {
        List<ConsumerRecord<String, String>> reports = readAll(Topics.QUALITY_DATASET, new StringDeserializer(),
                r -> dataset.equals(r.key()));
        for (ConsumerRecord<String, String> report : reports) {
            JsonNode node = JSON.readTree(report.value());
            assertThat(node.get("in").asLong()).as("every report: in = out + rejected + duplicates")
                    .isEqualTo(node.get("out").asLong() + node.get("rejected").asLong() + node.get("duplicates").asLong());
        }
        return reports.isEmpty() ? null : JSON.readTree(reports.get(reports.size() - 1).value());
    }

    /** A topic from its start to its end as of now (committed transactions only). */
    private static <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values,
                                                               Predicate<ConsumerRecord<String, V>> keep) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BusFixtures.shared().bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keep.test(record)) {
                        found.add(record);
                    }
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return found;
    }
}
