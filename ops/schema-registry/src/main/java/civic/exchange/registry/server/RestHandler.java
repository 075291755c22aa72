package civic.exchange.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Confluent's REST API over {@link SchemaRegistry}: routing, request bodies, response shapes and error bodies.
 * A path that exists with another method answers 405, any other path 404, as Confluent's JAX-RS server does.
 */
final class RestHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Set<String> ACCEPTED_REQUEST_TYPES = Set.of(CONTENT_TYPE, "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");
    private static final System.Logger LOG = System.getLogger(RestHandler.class.getName());
    private static final ObjectMapper JSON = RegistryRecords.JSON;

    private record Request(String method, List<String> path, Map<String, String> query, byte[] body) {
        String segment(int index) {
            return path.get(index);
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(query.get(name));
        }
    }

    private final SchemaRegistry registry;

    RestHandler(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        Object body;
        try (InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                    segments(exchange.getRequestURI().getRawPath()), query(exchange.getRequestURI().getRawQuery()),
                    in.readAllBytes());
            if (request.body().length > 0 || Set.of("POST", "PUT").contains(request.method())) {
                checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
            }
            body = route(request);
        } catch (RegistryException e) {
            status = e.status;
            body = error(e.errorCode, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Unexpected error answering " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI(), e);
            status = 500;
            body = error(50001, "Error in the backend data store: " + e);
        }
        byte[] bytes = body instanceof String raw ? raw.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** @return a JSON tree, or a String sent as is (a raw schema) */
    private Object route(Request r) {
        List<String> p = r.path();
        String first = p.isEmpty() ? "" : p.get(0);
        switch (first) {
            case "":
                if (p.isEmpty()) {
                    return only(r, "GET", () -> JSON.createObjectNode());
                }
                break;
            case "schemas":
                if (p.size() == 2 && p.get(1).equals("types")) {
                    return only(r, "GET", () -> JSON.valueToTree(registry.schemaTypes()));
                }
                if (p.size() >= 3 && p.size() <= 4 && p.get(1).equals("ids")) {
                    Integer id = parseIntOrNull(p.get(2));
                    if (id == null) {
                        break; // Confluent's integer path parameter: anything else is no route at all
                    }
                    if (p.size() == 3) {
                        return only(r, "GET", () -> schemaJson(registry.schemaById(id)));
                    }
                    if (p.get(3).equals("schema")) {
                        return only(r, "GET", () -> registry.schemaById(id).schema());
                    }
                }
                break;
            case "subjects":
                return subjects(r);
            case "config":
                if (p.size() == 1) {
                    if (r.method().equals("PUT")) {
                        return compatibilityJson(registry.setLevel(null, level(r)));
                    }
                    return only(r, "GET", () -> levelJson(registry.globalLevel()));
                }
                if (p.size() == 2) {
                    String subject = r.segment(1);
                    if (r.method().equals("PUT")) {
                        return compatibilityJson(registry.setLevel(subject, level(r)));
                    }
                    return only(r, "GET", () -> levelJson(registry.subjectLevel(subject, r.flag("defaultToGlobal"))));
                }
                break;
            case "compatibility":
                if (p.size() == 5 && p.get(1).equals("subjects") && p.get(3).equals("versions")) {
                    return only(r, "POST", () -> {
                        List<String> messages = registry.testCompatibility(r.segment(2), VersionSpec.parse(r.segment(4)),
                                registerRequest(r));
                        ObjectNode result = JSON.createObjectNode().put("is_compatible", messages.isEmpty());
                        if (r.flag("verbose")) {
                            result.set("messages", JSON.valueToTree(messages));
                        }
                        return result;
                    });
                }
                break;
            default:
                break;
        }
        throw RegistryException.notFound();
    }

    private Object subjects(Request r) {
        List<String> p = r.path();
        if (p.size() == 1) {
            return only(r, "GET", () -> JSON.valueToTree(registry.subjects()));
        }
        String subject = r.segment(1);
        if (p.size() == 2) {
            return only(r, "POST", () -> versionJson(registry.lookup(subject, registerRequest(r))));
        }
        if (!p.get(2).equals("versions")) {
            throw RegistryException.notFound();
        }
        if (p.size() == 3) {
            if (r.method().equals("POST")) {
                return JSON.createObjectNode().put("id", registry.register(subject, registerRequest(r)));
            }
            return only(r, "GET", () -> JSON.valueToTree(registry.versions(subject)));
        }
        if (p.size() == 4) {
            return only(r, "GET", () -> versionJson(registry.version(subject, VersionSpec.parse(r.segment(3)))));
        }
        if (p.size() == 5 && p.get(4).equals("schema")) {
            return only(r, "GET", () -> registry.version(subject, VersionSpec.parse(r.segment(3))).schema());
        }
        throw RegistryException.notFound();
    }

    private static Object only(Request r, String method, Supplier<Object> action) {
        if (!r.method().equals(method)) {
            throw RegistryException.methodNotAllowed();
        }
        return action.get();
    }

    private static JsonNode body(Request r) {
        if (r.body().length == 0) {
            throw RegistryException.badRequest("Request body is empty; a JSON object is expected");
        }
        JsonNode node;
        try {
            node = JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RegistryException.badRequest("Unreadable request body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw RegistryException.badRequest("Malformed JSON: a JSON object is expected");
        }
        return node;
    }

    private static SchemaRegistry.RegisterRequest registerRequest(Request r) {
        JsonNode body = body(r);
        JsonNode schema = body.get("schema");
        if (schema != null && !schema.isTextual() && !schema.isNull()) {
            throw RegistryException.invalidSchema("Invalid schema: \"schema\" must be a string holding the schema's JSON");
        }
        JsonNode type = body.get("schemaType");
        return new SchemaRegistry.RegisterRequest(schema == null || schema.isNull() ? null : schema.asText(),
                type == null || type.isNull() ? null : type.asText(), RegistryRecords.references(body.get("references")));
    }

    private static CompatibilityLevel level(Request r) {
        return CompatibilityLevel.parse(body(r).path("compatibility").asText(null))
                .orElseThrow(RegistryException::invalidCompatibilityLevel);
    }

    private static void checkContentType(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_REQUEST_TYPES.contains(type)) {
            throw RegistryException.unsupportedMediaType();
        }
    }

    /** {@code schemaType} is left out for AVRO, as Confluent does, so that older clients read the answer. */
    private static ObjectNode schemaJson(SchemaVersion version) {
        ObjectNode node = JSON.createObjectNode().put("schema", version.schema());
        addReferences(node, version);
        return node;
    }

    private static ObjectNode versionJson(SchemaVersion version) {
        ObjectNode node = JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schema", version.schema());
        addReferences(node, version);
        return node;
    }

    private static void addReferences(ObjectNode node, SchemaVersion version) {
        if (!version.references().isEmpty()) {
            node.set("references", RegistryRecords.referencesJson(version.references()));
        }
    }

    private static ObjectNode levelJson(CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    private static ObjectNode compatibilityJson(CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibility", level.name());
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static Integer parseIntOrNull(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Splits the raw path before decoding, so that a subject containing an encoded '/' stays one segment. */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : (rawPath == null ? "" : rawPath).split("/")) {
            if (!raw.isEmpty()) {
                // URLDecoder is a form decoder: keep a literal '+' in a path from turning into a space.
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "true");
            }
        }
        return query;
    }
}
