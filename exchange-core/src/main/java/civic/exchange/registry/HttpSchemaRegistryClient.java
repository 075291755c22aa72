package civic.exchange.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of Confluent's Schema Registry REST API, for the bus's own registry or any compatible one
 * (Confluent, Karapace, Redpanda, Apicurio's ccompat API).
 *
 * <p>No caching here: callers (the serdes) cache ids and schemas so the steady state makes no calls.
 * While the registry cannot be reached or answers 5xx, calls retry with exponential backoff up to a
 * budget, logging one line per attempt instead of a stack trace per record, then throw
 * {@link SchemaRegistryUnavailableException}. A 4xx answer is a {@link SchemaRegistryException} at once.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Duration retryBudget;
    private final HttpClient http;

    public HttpSchemaRegistryClient(String baseUrl, Duration retryBudget) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.retryBudget = retryBudget;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        return call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)).get("id").asInt();
    }

    @Override
    public int lookup(String subject, Schema schema) {
        return call("POST", "/subjects/" + encode(subject), schemaBody(schema)).get("id").asInt();
    }

    @Override
    public Schema schemaById(int id) {
        return new Schema.Parser().parse(call("GET", "/schemas/ids/" + id, null).get("schema").asText());
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode node = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        return new RegisteredSchema(node.get("subject").asText(), node.get("version").asInt(), node.get("id").asInt(),
                new Schema.Parser().parse(node.get("schema").asText()));
    }

    @Override
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level);
        call("PUT", "/config/" + encode(subject), body.toString());
    }

    @Override
    public Optional<String> compatibility(String subject) {
        try {
            JsonNode node = call("GET", "/config/" + encode(subject), null);
            return Optional.ofNullable(node.get("compatibilityLevel")).map(JsonNode::asText);
        } catch (SchemaRegistryException e) {
            // 40408 (no subject-level compatibility configured); registries before Confluent 7 answer 40401
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(attemptTimeout())
                .header("Accept", CONTENT_TYPE);
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long deadline = System.nanoTime() + retryBudget.toNanos();
        long backoffMs = 200;
        for (int attempt = 1; ; attempt++) {
            SchemaRegistryUnavailableException unavailable;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    return parse(method, path, response);
                }
                unavailable = serverError(method, path, response, attempt);
            } catch (IOException e) {
                unavailable = new SchemaRegistryUnavailableException("Schema registry at " + baseUrl + " unreachable after "
                        + attempt + " attempts: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException("Interrupted while calling the schema registry at " + baseUrl, e);
            }
            if (System.nanoTime() + backoffMs * 1_000_000 > deadline) {
                throw unavailable;
            }
            LOG.warn("Schema registry at {} unavailable ({}), attempt {}, retrying in {} ms", baseUrl,
                    unavailable.getCause() != null ? unavailable.getCause().toString() : "HTTP " + unavailable.status(), attempt, backoffMs);
            sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
    }

    /** One attempt may not outlast the whole budget (a registry that accepts connections but never answers). */
    private Duration attemptTimeout() {
        long ms = Math.min(30_000, Math.max(1_000, retryBudget.toMillis()));
        return Duration.ofMillis(ms);
    }

    private SchemaRegistryUnavailableException serverError(String method, String path, HttpResponse<String> response, int attempt) {
        int code = response.statusCode();
        String message = response.body();
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && node.has("error_code")) {
                code = node.get("error_code").asInt();
            }
            if (node != null && node.has("message")) {
                message = node.get("message").asText();
            }
        } catch (IOException e) {
            // a proxy's error page: keep the body as the message
        }
        return new SchemaRegistryUnavailableException(response.statusCode(), code, "Schema registry at " + baseUrl
                + " answered " + response.statusCode() + " to " + method + " " + path + " after " + attempt + " attempts: "
                + message + " (error " + code + ")");
    }

    private JsonNode parse(String method, String path, HttpResponse<String> response) {
        JsonNode node;
        try {
            node = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException(response.statusCode(), response.statusCode(),
                    method + " " + path + " answered a body that is not JSON: " + response.body());
        }
        if (response.statusCode() >= 300) {
            int code = node != null && node.has("error_code") ? node.get("error_code").asInt() : response.statusCode();
            String message = node != null && node.has("message") ? node.get("message").asText() : response.body();
            throw new SchemaRegistryException(response.statusCode(), code, method + " " + path + ": " + message + " (error " + code + ")");
        }
        return node;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("Interrupted while waiting for the schema registry", e);
        }
    }
}
