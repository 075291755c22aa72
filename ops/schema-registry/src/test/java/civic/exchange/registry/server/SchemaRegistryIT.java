package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The registry over real HTTP against a real single-node KRaft broker, shared by all tests of this class. */
class SchemaRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = """
            {"type":"record","name":"Facility","namespace":"civic.canonical","fields":[
              {"name":"id","type":"string"},
              {"name":"name","type":"string"}]}""";
    private static final String V2_COMPATIBLE = """
            {"type":"record","name":"Facility","namespace":"civic.canonical","fields":[
              {"name":"id","type":"string"},
              {"name":"name","type":"string"},
              {"name":"district","type":["null","string"],"default":null}]}""";
    private static final String V2_INCOMPATIBLE = """
            {"type":"record","name":"Facility","namespace":"civic.canonical","fields":[
              {"name":"id","type":"string"},
              {"name":"name","type":"string"},
              {"name":"floors","type":"int"}]}""";

    private static KafkaClusterTestKit cluster;
    private static SchemaRegistryServer registry;
    private static HttpClient http;

    @BeforeAll
    static void startBrokerAndRegistry() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(cluster.bootstrapServers(), 0));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---- registration and lookup ----

    @Test
    void registerAndLookUpRoundTrip() throws Exception {
        int id = register("roundtrip-value", V1);

        JsonNode byId = json(get("/schemas/ids/" + id), 200);
        assertThat(byId.fieldNames()).toIterable().containsExactly("schema");
        assertThat(new Schema.Parser().parse(byId.get("schema").asText())).isEqualTo(new Schema.Parser().parse(V1));

        assertThat(json(get("/subjects"), 200)).extracting(JsonNode::asText).contains("roundtrip-value");
        assertThat(json(get("/subjects/roundtrip-value/versions"), 200).toString()).isEqualTo("[1]");
        JsonNode version = json(get("/subjects/roundtrip-value/versions/1"), 200);
        assertThat(version.fieldNames()).toIterable().containsExactly("subject", "version", "id", "schema");
        assertThat(version.get("subject").asText()).isEqualTo("roundtrip-value");
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("id").asInt()).isEqualTo(id);
        assertThat(version.get("schema").asText()).isEqualTo(byId.get("schema").asText());
        assertThat(json(get("/subjects/roundtrip-value/versions/latest"), 200)).isEqualTo(version);
        assertThat(json(get("/subjects/roundtrip-value/versions/-1"), 200)).isEqualTo(version);
        assertThat(get("/subjects/roundtrip-value/versions/1/schema").body()).isEqualTo(byId.get("schema").asText());
        assertThat(get("/schemas/ids/" + id + "/schema").body()).isEqualTo(byId.get("schema").asText());
    }

    @Test
    void sameSchemaTwiceGetsTheSameIdAndVersion() throws Exception {
        int first = register("twice-value", V1);
        int second = register("twice-value", V1);

        assertThat(second).isEqualTo(first);
        assertThat(json(get("/subjects/twice-value/versions"), 200).toString()).isEqualTo("[1]");
    }

    @Test
    void reformattedSchemaIsTheSameSchema() throws Exception {
        int first = register("reformatted-value", V1);
        String reformatted = """
                {
                  "namespace": "civic.canonical",
                  "name": "Facility",
                  "fields": [
                    { "type": "string", "name": "id" },
                    { "type": "string", "name": "name" }
                  ],
                  "type": "record"
                }
                """;

        assertThat(reformatted).isNotEqualTo(V1);
        assertThat(register("reformatted-value", reformatted)).isEqualTo(first);
        assertThat(json(get("/subjects/reformatted-value/versions"), 200).toString()).isEqualTo("[1]");
    }

    @Test
    void sameSchemaUnderAnotherSubjectReusesTheGlobalId() throws Exception {
        int id = register("shared-a-value", V1);
        int other = register("shared-b-value", V1);

        assertThat(other).isEqualTo(id);
        JsonNode version = json(get("/subjects/shared-b-value/versions/latest"), 200);
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("id").asInt()).isEqualTo(id);
    }

    @Test
    void compatibleSecondVersionGetsVersion2AndANewId() throws Exception {
        int first = register("evolving-value", V1);
        int second = register("evolving-value", V2_COMPATIBLE);

        assertThat(second).isNotEqualTo(first);
        assertThat(json(get("/subjects/evolving-value/versions"), 200).toString()).isEqualTo("[1,2]");
        JsonNode latest = json(get("/subjects/evolving-value/versions/latest"), 200);
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(second);
        // The earlier version is still served as it was.
        assertThat(json(get("/subjects/evolving-value/versions/1"), 200).get("id").asInt()).isEqualTo(first);
    }

    @Test
    void incompatibleSchemaIsRejectedWith409() throws Exception {
        register("strict-value", V1);

        HttpResponse<String> response = post("/subjects/strict-value/versions", body(V2_INCOMPATIBLE));

        JsonNode error = json(response, 409);
        assertThat(error.fieldNames()).toIterable().containsExactly("error_code", "message");
        assertThat(error.get("error_code").asInt()).isEqualTo(409);
        assertThat(error.get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"strict-value\", details: [")
                .contains("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'", "{oldSchemaVersion: 1}",
                        "{compatibility: 'BACKWARD'}");
        assertThat(json(get("/subjects/strict-value/versions"), 200).toString()).isEqualTo("[1]");
    }

    @Test
    void lookUpWhetherASchemaIsRegisteredUnderASubject() throws Exception {
        int id = register("lookup-value", V1);

        JsonNode found = json(post("/subjects/lookup-value", body(V1)), 200);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertError(post("/subjects/lookup-value", body(V2_COMPATIBLE)), 404, 40403, "Schema not found");
        assertError(post("/subjects/lookup-missing", body(V1)), 404, 40401, "Subject 'lookup-missing' not found.");
    }

    @Test
    void referencesResolveNamedTypesFromAnotherSubject() throws Exception {
        register("civic.canonical.Address", """
                {"type":"record","name":"Address","namespace":"civic.canonical","fields":[{"name":"street","type":"string"}]}""");
        String site = "{\"schema\":" + JSON.writeValueAsString("""
                {"type":"record","name":"Site","namespace":"civic.canonical","fields":[{"name":"address","type":"Address"}]}""")
                + ",\"schemaType\":\"AVRO\",\"references\":[{\"name\":\"civic.canonical.Address\","
                + "\"subject\":\"civic.canonical.Address\",\"version\":1}]}";

        int id = json(post("/subjects/site-value/versions", site), 200).get("id").asInt();

        JsonNode byId = json(get("/schemas/ids/" + id), 200);
        assertThat(byId.get("references").toString()).isEqualTo(
                "[{\"name\":\"civic.canonical.Address\",\"subject\":\"civic.canonical.Address\",\"version\":1}]");
        assertThat(json(get("/subjects/site-value/versions/1"), 200).get("references")).isEqualTo(byId.get("references"));
        assertError(post("/subjects/site2-value/versions", site.replace("\"version\":1", "\"version\":9")), 422, 42201, null);
    }

    @Test
    void concurrentRegistrationsGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String schema = V1.replace("Facility", "Concurrent" + i);
                String subject = "concurrent-" + i + "-value";
                ids.add(pool.submit(() -> register(subject, schema)));
            }
            Set<Integer> distinct = new java.util.HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- compatibility configuration ----

    @Test
    void globalConfigDefaultsToBackward() throws Exception {
        assertThat(json(get("/config"), 200).toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
        assertThat(json(get("/schemas/types"), 200).toString()).isEqualTo("[\"AVRO\"]");
    }

    @Test
    void subjectConfigChangesWhatIsAccepted() throws Exception {
        register("lenient-value", V1);
        assertError(get("/config/lenient-value"), 404, 40408,
                "Subject 'lenient-value' does not have subject-level compatibility configured");
        assertThat(json(get("/config/lenient-value?defaultToGlobal=true"), 200).toString())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        assertThat(json(put("/config/lenient-value", "{\"compatibility\":\"none\"}"), 200).toString())
                .isEqualTo("{\"compatibility\":\"NONE\"}");

        assertThat(json(get("/config/lenient-value"), 200).toString()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(register("lenient-value", V2_INCOMPATIBLE)).isPositive();
        assertThat(json(get("/config"), 200).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertError(put("/config/lenient-value", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203, null);
        assertError(put("/config/lenient-value", "{}"), 422, 42203, null);
    }

    @Test
    void compatibilityCanBeTestedWithoutRegistering() throws Exception {
        register("probe-value", V1);

        assertThat(json(post("/compatibility/subjects/probe-value/versions/latest", body(V2_COMPATIBLE)), 200).toString())
                .isEqualTo("{\"is_compatible\":true}");
        JsonNode verbose = json(post("/compatibility/subjects/probe-value/versions/1?verbose=true", body(V2_INCOMPATIBLE)), 200);
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(json(get("/subjects/probe-value/versions"), 200).toString()).isEqualTo("[1]");
    }

    // ---- errors, exact bodies ----

    @Test
    void unknownSchemaIdIs40403() throws Exception {
        assertError(get("/schemas/ids/987654"), 404, 40403, "Schema 987654 not found");
    }

    @Test
    void unknownSubjectIs40401() throws Exception {
        assertError(get("/subjects/nobody-value/versions"), 404, 40401, "Subject 'nobody-value' not found.");
        assertError(get("/subjects/nobody-value/versions/1"), 404, 40401, "Subject 'nobody-value' not found.");
    }

    @Test
    void unknownVersionIs40402() throws Exception {
        register("short-value", V1);

        assertError(get("/subjects/short-value/versions/5"), 404, 40402, "Version 5 not found.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-2"})
    void invalidVersionIs42202(String version) throws Exception {
        register("versioned-value", V1);

        assertError(get("/subjects/versioned-value/versions/" + version), 422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    @Test
    void invalidSchemaIs42201() throws Exception {
        HttpResponse<String> response = post("/subjects/broken-value/versions",
                body("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"no.such.Type\"}]}"));

        JsonNode error = assertError(response, 422, 42201, null);
        assertThat(error.get("message").asText()).startsWith("Invalid schema ");
        assertError(post("/subjects/broken-value/versions", "{\"schema\":\"\"}"), 422, 42201, "Empty schema");
        assertError(get("/subjects/broken-value/versions"), 404, 40401, "Subject 'broken-value' not found.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROTOBUF", "JSON"})
    void otherSchemaTypesAre42201(String type) throws Exception {
        HttpResponse<String> response = post("/subjects/typed-value/versions",
                "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"" + type + "\"}");

        JsonNode error = assertError(response, 422, 42201, null);
        assertThat(error.get("message").asText()).startsWith("Invalid schema type " + type).contains("AVRO only");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        JsonNode error = assertError(post("/subjects/malformed-value/versions", "{\"schema\": "), 400, 400, null);
        assertThat(error.get("message").asText()).startsWith("Malformed JSON");
        assertError(post("/subjects/malformed-value/versions", "[1]"), 400, 400, null);
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() throws Exception {
        assertError(get("/nothing/here"), 404, 404, "HTTP 404 Not Found");
        assertError(get("/schemas/ids/not-a-number"), 404, 404, "HTTP 404 Not Found");
        assertError(send(HttpRequest.newBuilder(uri("/subjects/any-value/versions/1"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405, 405, "HTTP 405 Method Not Allowed");
    }

    // ---- content types ----

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/json; charset=utf-8", "application/octet-stream", ""})
    void acceptedRequestContentTypes(String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/subjects/content-value/versions"))
                .POST(HttpRequest.BodyPublishers.ofString(body(V1)));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }

        HttpResponse<String> response = send(request);

        assertThat(json(response, 200).has("id")).isTrue();
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
    }

    @Test
    void otherRequestContentTypesAre415() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/subjects/content-value/versions"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body(V1))));

        assertError(response, 415, 415, "HTTP 415 Unsupported Media Type");
    }

    @Test
    void errorsUseTheRegistryContentTypeToo() throws Exception {
        assertThat(get("/schemas/ids/424242").headers().firstValue("Content-Type"))
                .contains("application/vnd.schemaregistry.v1+json");
    }

    // ---- storage ----

    @Test
    void topicIsCreatedCompactedWithOnePartition() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(Set.of("_schemas")).allTopicNames().get().get("_schemas");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas");
            String policy = admin.describeConfigs(Set.of(resource)).all().get().get(resource).get("cleanup.policy").value();

            assertThat(description.partitions()).hasSize(1);
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void recordsUseConfluentsLayout() throws Exception {
        int id = register("layout-value", V1);
        String topic = "_schemas";

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", cluster.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }

        ConsumerRecord<String, String> record = records.stream()
                .filter(r -> r.key().equals("{\"keytype\":\"SCHEMA\",\"subject\":\"layout-value\",\"version\":1,\"magic\":1}"))
                .findFirst().orElseThrow();
        JsonNode value = JSON.readTree(record.value());
        assertThat(value.fieldNames()).toIterable().containsExactly("subject", "version", "id", "schema", "deleted");
        assertThat(value.get("id").asInt()).isEqualTo(id);
        assertThat(value.get("deleted").asBoolean()).isFalse();
    }

    @Test
    void deletesAreConfluentRecordsAndHardDeletesAreTombstones() throws Exception {
        int id = register("tombstone-value", V1);
        assertThat(json(send(HttpRequest.newBuilder(uri("/subjects/tombstone-value")).DELETE()), 200).toString()).isEqualTo("[1]");
        assertThat(json(send(HttpRequest.newBuilder(uri("/subjects/tombstone-value?permanent=true")).DELETE()), 200)
                .toString()).isEqualTo("[1]");

        String key = "{\"keytype\":\"SCHEMA\",\"subject\":\"tombstone-value\",\"version\":1,\"magic\":1}";
        List<String> values = readTopic("_schemas").stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();

        // registered, soft-deleted (same key, deleted=true), then a tombstone on exactly Confluent's key bytes
        assertThat(values).hasSize(3);
        assertThat(JSON.readTree(values.get(0)).get("deleted").asBoolean()).isFalse();
        assertThat(JSON.readTree(values.get(1)).get("deleted").asBoolean()).isTrue();
        assertThat(JSON.readTree(values.get(1)).get("id").asInt()).isEqualTo(id);
        assertThat(values.get(2)).isNull();
    }

    private static List<ConsumerRecord<String, String>> readTopic(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", cluster.bootstrapServers(), "isolation.level", "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Test
    void idsSurviveARestart() throws Exception {
        // A topic of its own: this test restarts a registry without disturbing the shared one.
        SchemaRegistryConfig config = SchemaRegistryConfig.of(cluster.bootstrapServers(), 0).withTopic("_schemas_restart");
        int facility;
        int evolved;
        int other;
        try (SchemaRegistryServer first = SchemaRegistryServer.start(config)) {
            facility = register(first, "facility-value", V1);
            evolved = register(first, "facility-value", V2_COMPATIBLE);
            other = register(first, "work-order-value", V1.replace("Facility", "WorkOrder"));
            assertThat(json(put(first, "/config/facility-value", "{\"compatibility\":\"FULL\"}"), 200)).isNotNull();
        }

        try (SchemaRegistryServer second = SchemaRegistryServer.start(config)) {
            assertThat(json(get(second, "/schemas/ids/" + facility), 200).get("schema").asText())
                    .isEqualTo(AvroSchemas.parse(V1).canonical());
            JsonNode latest = json(get(second, "/subjects/facility-value/versions/latest"), 200);
            assertThat(latest.get("version").asInt()).isEqualTo(2);
            assertThat(latest.get("id").asInt()).isEqualTo(evolved);
            assertThat(json(get(second, "/subjects/work-order-value/versions/1"), 200).get("id").asInt()).isEqualTo(other);
            assertThat(json(get(second, "/config/facility-value"), 200).get("compatibilityLevel").asText()).isEqualTo("FULL");
            // Registering again is idempotent, and a new schema continues the id sequence instead of reusing an id.
            assertThat(register(second, "facility-value", V2_COMPATIBLE)).isEqualTo(evolved);
            int next = register(second, "other-value", V1.replace("Facility", "Other"));
            assertThat(next).isEqualTo(Math.max(Math.max(facility, evolved), other) + 1);
        }
    }

    // ---- HTTP and assertion utilities ----

    private static String body(String schema) throws Exception {
        return "{\"schema\":" + JSON.writeValueAsString(schema) + "}";
    }

    private static int register(String subject, String schema) throws Exception {
        return register(registry, subject, schema);
    }

    private static int register(SchemaRegistryServer server, String subject, String schema) throws Exception {
        return json(post(server, "/subjects/" + subject + "/versions", body(schema)), 200).get("id").asInt();
    }

    private static URI uri(String path) {
        return uri(registry, path);
    }

    private static URI uri(SchemaRegistryServer server, String path) {
        return URI.create(server.url() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(registry, path);
    }

    private static HttpResponse<String> get(SchemaRegistryServer server, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(server, path)).GET());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return post(registry, path, body);
    }

    private static HttpResponse<String> post(SchemaRegistryServer server, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(server, path)).header("Content-Type", RestHandler.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> put(String path, String body) throws Exception {
        return put(registry, path, body);
    }

    private static HttpResponse<String> put(SchemaRegistryServer server, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(server, path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(RestHandler.CONTENT_TYPE);
        return JSON.readTree(response.body());
    }

    /** Asserts Confluent's error body exactly: {"error_code":N,"message":"..."} and nothing else. */
    private static JsonNode assertError(HttpResponse<String> response, int status, int errorCode, String message)
            throws Exception {
        JsonNode error = json(response, status);
        assertThat(error.fieldNames()).toIterable().containsExactly("error_code", "message");
        assertThat(error.get("error_code").asInt()).isEqualTo(errorCode);
        if (message != null) {
            assertThat(error.get("message").asText()).isEqualTo(message);
        }
        return error;
    }
}
