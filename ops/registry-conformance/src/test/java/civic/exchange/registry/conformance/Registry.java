package civic.exchange.registry.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import civic.exchange.localbus.BusFixtures;

/**
 * The registry under test, seen only through HTTP: {@code -Dregistry.url=http://host:8081} names any
 * Confluent-compatible registry; without it the project's registry is started on an in-process broker.
 *
 * <p>Every subject the suite creates is unique to the run ({@link #subject}), so the suite can run against a registry
 * other people use. Global settings (the default compatibility level, the global mode) are only changed when the
 * suite started the registry itself, or with {@code -Dregistry.conformance.global=true}.
 */
final class Registry {

    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Fields Confluent's {@code Schema} entity may carry (7.x and later); anything else is a foreign field. */
    static final Set<String> SCHEMA_ENTITY_FIELDS = Set.of("subject", "version", "id", "guid", "schemaType",
            "references", "metadata", "ruleSet", "schema");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static String url;

    private Registry() {
    }

    /** The base URL of the registry under test. */
    static synchronized String url() {
        if (url == null) {
            String configured = System.getProperty("registry.url", "").trim();
            url = configured.isEmpty() ? BusFixtures.shared().schemaRegistryUrl() : configured;
            url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        return url;
    }

    /** Whether the suite started the registry itself (nobody else uses it). */
    static boolean ownsRegistry() {
        return System.getProperty("registry.url", "").trim().isEmpty();
    }

    /** Whether tests may change the registry's global level and mode (restoring them afterwards). */
    static boolean mayChangeGlobalSettings() {
        return ownsRegistry() || Boolean.getBoolean("registry.conformance.global");
    }

    /** A subject name unique to this run of the suite. */
    static String subject(String name) {
        return "conformance-" + RUN + "-" + name;
    }

    /**
     * A record name unique to this run: the same schema text gets the same id in every subject of every run, so a test
     * that asserts which subjects use an id needs a schema nobody else registered.
     */
    static String uniqueName(String base) {
        return base + "_" + RUN.replace('-', '_');
    }

    /** Path-segment encoding ({@code %20} for a space, {@code %2F} for a slash). */
    static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- requests ----

    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (HTTP " + status + "): " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60));
    }

    static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("Registry at " + url() + " not reachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Reply get(String path) {
        return send(request(path).GET());
    }

    static Reply post(String path, String body) {
        return send(request(path).header("Content-Type", V1_JSON).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply put(String path, String body) {
        return send(request(path).header("Content-Type", V1_JSON).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply delete(String path) {
        return send(request(path).DELETE());
    }

    // ---- bodies and schemas ----

    /** {@code {"schema": "<schema>"}}: the registration and lookup body. */
    static String body(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    /** A registration body with references: {@code [{"name","subject","version"}]}. */
    static String body(String schema, String name, String subject, int version) {
        var node = JSON.createObjectNode().put("schema", schema).put("schemaType", "AVRO");
        node.putArray("references").addObject().put("name", name).put("subject", subject).put("version", version);
        return node.toString();
    }

    /** An Avro record in namespace {@code civic.conformance}. */
    static String record(String name, String... fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"civic.conformance\",\"fields\":["
                + Arrays.stream(fields).collect(Collectors.joining(",")) + "]}";
    }

    static String field(String name, String type) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}";
    }

    static String field(String name, String type, String defaultJson) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"default\":" + defaultJson + "}";
    }

    static String optional(String name) {
        return "{\"name\":\"" + name + "\",\"type\":[\"null\",\"string\"],\"default\":null}";
    }

    // ---- common steps and assertions ----

    static int register(String subject, String schema) {
        return ok(post("/subjects/" + enc(subject) + "/versions", body(schema))).get("id").asInt();
    }

    static void setLevel(String subject, String level) {
        ok(put("/config/" + enc(subject), "{\"compatibility\":\"" + level + "\"}"));
    }

    static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as("HTTP status; body: %s", reply.body()).isEqualTo(200);
        return reply.json();
    }

    static List<Integer> ints(JsonNode array) {
        assertThat(array.isArray()).as("array: %s", array).isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asInt).toList();
    }

    static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("array: %s", array).isTrue();
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /**
     * Confluent's error body: exactly {@code {"error_code": N, "message": "..."}}.
     *
     * @param message the exact message, or null to accept any
     */
    static JsonNode assertError(Reply reply, int status, int errorCode, String message) {
        assertThat(reply.status()).as("HTTP status; body: %s", reply.body()).isEqualTo(status);
        JsonNode error = reply.json();
        assertThat(error.fieldNames()).toIterable().as("error body fields").containsExactlyInAnyOrder("error_code", "message");
        assertThat(error.get("error_code").asInt()).as("error_code; body: %s", reply.body()).isEqualTo(errorCode);
        if (message != null) {
            assertThat(error.get("message").asText()).isEqualTo(message);
        }
        return error;
    }
}
