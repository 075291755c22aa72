package civic.exchange.connectors.ingest.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;

import civic.exchange.connectors.RawTopicReader;
import civic.exchange.connectors.SharedDatasets;
import civic.exchange.connectors.batch.RecordIds;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP ingest over real HTTP onto a real broker: accepted batches are on the raw topic with every
 * header, and each rejected batch leaves nothing a read-committed consumer can see.
 * Limits under test (application.properties, %test): body 4 MiB, record 2 MiB.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class IngestResourceIT {

    private static final String TOPIC = Topics.raw("lighting", "streetlights");
    private static final String PATH = "/ingest/{department}/{dataset}";
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NGSI_LD = "fiware-Streetlight-normalized-ngsild.json";
    private static final String KEY_VALUES = "fiware-Streetlight-keyvalues.json";

    private static RawTopicReader reader;

    @BeforeEach
    void connect() {
        // RestAssured would otherwise add "; charset=ISO-8859-1" to types it does not know, like ld+json
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        if (reader == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            RawTopicReader.createTopic(bootstrap, TOPIC, Map.of());
            reader = new RawTopicReader(bootstrap, TOPIC);
        }
        reader.mark();
    }

    @AfterAll
    static void disconnect() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Test
    void bothFiwareStreetlightSamplesAreOnTheRawTopicWithAllHeaders() throws Exception {
        byte[] ngsiLd = SharedDatasets.bytes(SharedDatasets.fiware(NGSI_LD));
        byte[] keyValues = SharedDatasets.bytes(SharedDatasets.fiware(KEY_VALUES));
        Instant before = Instant.now();

        String firstCorrelation = post("application/ld+json", ngsiLd).header("Idempotency-Key", "lamp-sync-2025-03-01")
                .post(PATH, "lighting", "streetlights").then()
                .statusCode(202)
                .body("accepted", equalTo(1))
                .body("department", equalTo("lighting"))
                .body("dataset", equalTo("streetlights"))
                .body("topic", equalTo(TOPIC))
                .extract().path("correlationId");
        String secondCorrelation = post("application/json", keyValues).header("X-Correlation-Id", "lighting-ctl-77")
                .post(PATH, "lighting", "streetlights").then()
                .statusCode(202)
                .header("X-Correlation-Id", "lighting-ctl-77")
                .body("correlationId", equalTo("lighting-ctl-77"))
                .extract().path("correlationId");

        List<ConsumerRecord<byte[], byte[]>> records = reader.read(2);

        // the raw topic has several partitions: order holds per key only
        assertThat(records).hasSize(2);
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = byKey(records);
        ConsumerRecord<byte[], byte[]> first = byKey.get("urn:ngsi-ld:Streetlight:streetlight:guadalajara:4567");
        ConsumerRecord<byte[], byte[]> second = byKey.get("streetlight:guadalajara:4567");
        assertThat(JSON.readTree(first.value())).isEqualTo(JSON.readTree(ngsiLd));
        assertThat(JSON.readTree(second.value())).isEqualTo(JSON.readTree(keyValues));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertThat(header(record, ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
            assertThat(header(record, ExchangeHeaders.DATASET)).isEqualTo("streetlights");
            assertThat(header(record, ExchangeHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(Instant.parse(header(record, ExchangeHeaders.INGESTED_AT)))
                    .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
            assertThat(header(record, ExchangeHeaders.INGESTED_AT)).endsWith("Z");
            assertThat(UUID.fromString(header(record, ExchangeHeaders.RECORD_ID))).isNotNull();
        }
        assertThat(header(first, ExchangeHeaders.RECORD_ID))
                .isEqualTo(RecordIds.derived("lighting/streetlights", "lamp-sync-2025-03-01", 0));
        assertThat(header(first, ExchangeHeaders.CORRELATION_ID)).isEqualTo(firstCorrelation);
        assertThat(UUID.fromString(firstCorrelation)).isNotNull();
        assertThat(header(second, ExchangeHeaders.CORRELATION_ID)).isEqualTo(secondCorrelation);
    }

    @Test
    void jsonLinesBatchIsOneRecordPerLineInOrderWithOneCorrelationId() {
        String body = "{\"id\":\"lamp-1\",\"status\":\"ok\"}\n{\"id\":\"lamp-2\",\"status\":\"defectiveLamp\"}\n"
                + "{\"id\":\"lamp-3\",\"status\":\"ok\",\"street\":\"Calle Mayor Ñ 北京路\"}\n";

        String correlationId = post("application/x-ndjson", bytes(body)).header("X-Request-Id", "req-jsonl-1")
                .post(PATH, "lighting", "streetlights").then()
                .statusCode(202).body("accepted", equalTo(3))
                .extract().path("correlationId");

        Map<String, ConsumerRecord<byte[], byte[]>> records = byKey(reader.read(3));
        assertThat(records).containsOnlyKeys("lamp-1", "lamp-2", "lamp-3");
        assertThat(records.values()).extracting(r -> header(r, ExchangeHeaders.CORRELATION_ID)).containsOnly(correlationId);
        for (int i = 0; i < 3; i++) {
            // the record id follows the line the record came from
            assertThat(header(records.get("lamp-" + (i + 1)), ExchangeHeaders.RECORD_ID))
                    .isEqualTo(RecordIds.derived("lighting/streetlights", "req-jsonl-1", i));
        }
        assertThat(new String(records.get("lamp-3").value(), StandardCharsets.UTF_8)).contains("Calle Mayor Ñ 北京路");
    }

    @Test
    void arrayBatchIsAccepted() {
        post("application/json", bytes("[{\"id\":\"lamp-10\"},{\"id\":\"lamp-11\"}]"))
                .post(PATH, "lighting", "streetlights").then()
                .statusCode(202).body("accepted", equalTo(2));

        assertThat(reader.read(2)).extracting(IngestResourceIT::key).containsExactlyInAnyOrder("lamp-10", "lamp-11");
    }

    static Stream<Arguments> rejectedBatches() {
        byte[] invalidUtf8 = {'{', '"', 'n', '"', ':', '"', 'C', 'a', 's', 't', 'a', (byte) 0xF1, 'o', '"', '}'};
        String bigRecord = "{\"id\":\"big\",\"notes\":\"" + "x".repeat(MAX_RECORD_BYTES) + "\"}";
        StringBuilder bigBody = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            bigBody.append(i == 0 ? "" : ",").append("{\"id\":\"lamp-").append(i).append("\",\"notes\":\"")
                    .append("y".repeat(900 * 1024)).append("\"}");
        }
        bigBody.append(']');
        return Stream.of(
                rejected("unknown department", "water", "streetlights", "application/json", bytes("{\"id\":\"x\"}"),
                        404, "UNKNOWN_DEPARTMENT", r -> r.body("department", equalTo("water")).body("message", containsString("water"))),
                rejected("unknown dataset", "lighting", "poles", "application/json", bytes("{\"id\":\"x\"}"),
                        404, "UNKNOWN_DATASET", r -> r.body("dataset", equalTo("poles"))),
                rejected("malformed second record", "lighting", "streetlights", "application/json",
                        bytes("[\n {\"id\":\"ok-1\"},\n {\"id\":\"ok-2\" \"status\":\"x\"}\n]"),
                        400, "MALFORMED_JSON", r -> r.body("line", equalTo(3)).body("column", equalTo(15)).body("recordIndex", equalTo(1))),
                rejected("malformed third JSON line", "lighting", "streetlights", "application/x-ndjson",
                        bytes("{\"id\":\"ok-1\"}\n{\"id\":\"ok-2\"}\n{\"id\":\"ok-3\",}\n"),
                        400, "MALFORMED_JSON", r -> r.body("line", equalTo(3)).body("recordIndex", equalTo(2))),
                rejected("trailing garbage", "lighting", "streetlights", "application/json",
                        bytes("[{\"id\":\"ok-1\"}] {\"id\":\"ok-2\"}"),
                        400, "MALFORMED_JSON", r -> r.body("$", hasKey("line")).body("$", hasKey("column"))),
                rejected("GeoJSON FeatureCollection for an NGSI-LD dataset", "lighting", "streetlights", "application/geo+json",
                        bytes("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"lamp-1\","
                                + "\"geometry\":null,\"properties\":{}}]}"),
                        400, "INVALID_VALUE", r -> r.body("message", containsString("format geojson")).body("recordIndex", equalTo(0))),
                rejected("record that is not an object", "lighting", "streetlights", "application/json",
                        bytes("[{\"id\":\"ok-1\"}, \"lamp-2\"]"),
                        400, "INVALID_VALUE", r -> r.body("recordIndex", equalTo(1))),
                rejected("empty body", "lighting", "streetlights", "application/json", new byte[0],
                        400, "MALFORMED_JSON", r -> r.body("message", containsString("empty"))),
                rejected("invalid UTF-8", "lighting", "streetlights", "application/json", invalidUtf8,
                        400, "INVALID_ENCODING", r -> r.body("byteOffset", equalTo(11)).body("encoding", equalTo("UTF-8"))),
                rejected("body over the limit", "lighting", "streetlights", "application/json", bytes(bigBody.toString()),
                        413, "PAYLOAD_TOO_LARGE", r -> r.body("limit", equalTo(MAX_BODY_BYTES)).body("size", equalTo(bigBody.length()))),
                rejected("record over the limit", "lighting", "streetlights", "application/json",
                        bytes("[{\"id\":\"ok-1\"}," + bigRecord + "]"),
                        413, "PAYLOAD_TOO_LARGE", r -> r.body("recordIndex", equalTo(1)).body("limit", equalTo(MAX_RECORD_BYTES))),
                rejected("CSV body for a JSON dataset", "lighting", "streetlights", "text/csv", bytes("id,status\nlamp-1,ok\n"),
                        415, "UNSUPPORTED_MEDIA_TYPE", r -> r.body("contentType", equalTo("text/csv")).body("format", equalTo("ngsi-ld"))),
                rejected("charset other than the dataset's", "lighting", "streetlights", "application/json; charset=ISO-8859-1",
                        bytes("{\"id\":\"x\"}"), 415, "UNSUPPORTED_MEDIA_TYPE", r -> r.body("encoding", equalTo("UTF-8"))),
                rejected("bad correlation id", "lighting", "streetlights", "application/json",
                        Map.of("X-Correlation-Id", "two words"), bytes("{\"id\":\"x\"}"), 400, "INVALID_VALUE", r -> r.body("field", equalTo("X-Correlation-Id"))),
                rejected("bad request id", "lighting", "streetlights", "application/json",
                        Map.of("X-Request-Id", "two words"), bytes("{\"id\":\"x\"}"), 400, "INVALID_VALUE", r -> r.body("field", equalTo("X-Request-Id"))),
                rejected("bad Idempotency-Key", "lighting", "streetlights", "application/json",
                        Map.of("Idempotency-Key", "é"), bytes("{\"id\":\"x\"}"), 400, "INVALID_VALUE", r -> r.body("field", equalTo("Idempotency-Key"))));
    }

    private static Arguments rejected(String name, String department, String dataset, String contentType, byte[] body,
                                      int status, String error, Consumer<ValidatableResponse> more) {
        return rejected(name, department, dataset, contentType, Map.of(), body, status, error, more);
    }

    private static Arguments rejected(String name, String department, String dataset, String contentType,
                                      Map<String, String> headers, byte[] body, int status, String error,
                                      Consumer<ValidatableResponse> more) {
        return Arguments.of(name, department, dataset, contentType, headers, body, status, error, more);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedBatches")
    void rejectedBatchAnswersWithTheReasonAndWritesNothing(String name, String department, String dataset, String contentType,
                                                           Map<String, String> headers, byte[] body, int status, String error,
                                                           Consumer<ValidatableResponse> more) {
        ValidatableResponse response = post(contentType, body).headers(headers).post(PATH, department, dataset).then()
                .statusCode(status)
                .contentType("application/json")
                .body("error", equalTo(error))
                .body("message", not(emptyOrNullString()));
        more.accept(response);

        assertNothingWrittenSinceMark();
    }

    @Test
    void readinessAndMetricsAreExposed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        post("application/json", bytes("{\"id\":\"lamp-metrics\"}")).post(PATH, "lighting", "streetlights").then().statusCode(202);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("exchange_ingest_records_total{dataset=\"streetlights\",department=\"lighting\"}"));
    }

    /**
     * Posts a sentinel after the rejected request, then reads everything committed since the mark:
     * the sentinel must be all there is.
     */
    private static void assertNothingWrittenSinceMark() {
        String sentinel = "sentinel-" + UUID.randomUUID();
        post("application/json", bytes("{\"id\":\"" + sentinel + "\"}")).post(PATH, "lighting", "streetlights").then().statusCode(202);

        assertThat(reader.readToEnd()).as("records committed since the rejected batch").extracting(IngestResourceIT::key)
                .containsExactly(sentinel);
    }

    private static RequestSpecification post(String contentType, byte[] body) {
        RequestSpecification request = given().body(body);
        return contentType == null ? request : request.contentType(contentType);
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> byKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new java.util.LinkedHashMap<>();
        records.forEach(r -> byKey.put(key(r), r));
        assertThat(byKey).as("one record per key").hasSize(records.size());
        return byKey;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }
}
