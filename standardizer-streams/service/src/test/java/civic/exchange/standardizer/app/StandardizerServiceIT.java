package civic.exchange.standardizer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service on a real broker and registry: raw streetlights in, canonical facilities and DLQ records out. */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class StandardizerServiceIT {

    private static final String RAW = Topics.raw("lighting", "streetlights");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @TestHTTPResource("/quality")
    URL qualityBoard;

    @BeforeAll
    static void topics() {
        // The local bus provisions the catalog's topics; creating them again is a no-op there and
        // covers a fixture that does not. The service never relies on broker auto-creation.
        BusFixtures.shared().createTopics(3, RAW, CanonicalEntity.FACILITY.topic());
        BusFixtures.shared().createTopics(1, Topics.DLQ_STANDARDIZER);
    }

    @Test
    void streetlightsBecomeFacilitiesAndBadOnesGoToTheDlq() throws Exception {
        BusFixture bus = BusFixtures.shared();
        String run = UUID.randomUUID().toString();
        byte[] bad = SharedDatasets.streetlightKeyValuesText().replace("40.62785133667262", "123")
                .getBytes(StandardCharsets.UTF_8);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(raw("sl-4567", SharedDatasets.streetlightNormalized(), run + "-good")).get();
            producer.send(raw("sl-bad", bad, run + "-bad")).get();
        }

        ConsumerRecord<String, GenericRecord> canonical = awaitRecord(CanonicalEntity.FACILITY.topic(),
                facilityDeserializer(bus.schemaRegistryUrl()),
                r -> (run + "-good").equals(ExchangeHeaders.get(r.headers(), ExchangeHeaders.RECORD_ID)));
        String id = CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", "streetlight:guadalajara:4567");
        GenericRecord facility = canonical.value();
        assertThat(canonical.key()).isEqualTo(id);
        assertThat(facility.getSchema().getFullName()).isEqualTo(Facility.class.getName());
        assertThat(facility.get("id")).hasToString(id);
        assertThat(facility.get("type")).hasToString(FacilityType.STREETLIGHT.name());
        assertThat(facility.get("status")).hasToString(FacilityStatus.IN_SERVICE.name());
        assertThat(((GenericRecord) facility.get("location")).get("latitude")).isEqualTo(40.62785133667262);
        GenericRecord provenance = (GenericRecord) facility.get("provenance");
        assertThat(provenance.get("rawTopic")).hasToString(RAW);
        assertThat(provenance.get("recordId")).hasToString(run + "-good");
        assertThat(provenance.get("mappingSpec")).hasToString("lighting/streetlights");

        ConsumerRecord<String, byte[]> rejected = awaitRecord(Topics.DLQ_STANDARDIZER, new ByteArrayDeserializer(),
                r -> (run + "-bad").equals(ExchangeHeaders.get(r.headers(), ExchangeHeaders.RECORD_ID)));
        assertThat(rejected.key()).isEqualTo("sl-bad");
        assertThat(rejected.value()).isEqualTo(bad);
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.ERROR_CODE)).isEqualTo("OUT_OF_RANGE");
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.ERROR_FIELD)).isEqualTo("location");
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(RAW);

        HttpClient http = HttpClient.newHttpClient();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get(http, ready).statusCode()).isEqualTo(200));
        assertThat(get(http, metrics).body())
                .contains("standardizer_records_total{code=\"OUT_OF_RANGE\",dataset=\"lighting/streetlights\",outcome=\"rejected\"");

        // The quality board: the dataset's latest report, as JSON and as a page.
        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> report = get(http, quality("/lighting/streetlights"), "application/json");
            assertThat(report.statusCode()).isEqualTo(200);
            JsonNode json = JSON.readTree(report.body());
            assertThat(json.get("out").asLong()).isPositive();
            assertThat(json.get("rejectedByCode").path("OUT_OF_RANGE").asLong()).isPositive();
            assertThat(json.get("in").asLong())
                    .isEqualTo(json.get("out").asLong() + json.get("rejected").asLong() + json.get("duplicates").asLong());
        });
        assertThat(JSON.readTree(get(http, quality(""), "application/json").body()).findValuesAsText("dataset"))
                .contains("lighting/streetlights");
        assertThat(get(http, quality(""), "*/*").headers().firstValue("Content-Type"))
                .as("what curl gets").hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        HttpResponse<String> page = get(http, quality(""), "text/html");
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>Dataset quality</h1>", "lighting/streetlights", "OUT_OF_RANGE");

        HttpResponse<String> unknown = get(http, quality("/lighting/no-such-dataset"), "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("UNKNOWN_DATASET", "no-such-dataset");
        assertThat(get(http, quality("/nobody/streetlights"), "application/json").body()).contains("UNKNOWN_DEPARTMENT");
    }

    private URL quality(String path) throws Exception {
        return URI.create(qualityBoard.toString() + path).toURL();
    }

    private static ProducerRecord<String, byte[]> raw(String key, byte[] value, String recordId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(RAW, key, value);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, "lighting");
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, "streetlights");
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_ID, recordId);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.CORRELATION_ID, recordId);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
        return record;
    }

    /**
     * Generic records: under {@code @QuarkusTest} the generated classes and Avro can sit in different
     * class loaders, so the test reads the wire format the way any non-Java subscriber would.
     */
    private static Deserializer<GenericRecord> facilityDeserializer(String registryUrl) {
        ExchangeAvroDeserializer<GenericRecord> deserializer = new ExchangeAvroDeserializer<>();
        deserializer.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        return deserializer;
    }

    /** Reads the topic from the start (committed transactions only) until a record matches. */
    private static <V> ConsumerRecord<String, V> awaitRecord(String topic, Deserializer<V> values,
                                                             java.util.function.Predicate<ConsumerRecord<String, V>> match) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BusFixtures.shared().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "standardizer-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static HttpResponse<String> get(HttpClient http, URL url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.toString())).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, URL url, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.toString())).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
