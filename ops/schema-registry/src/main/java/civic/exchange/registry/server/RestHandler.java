package civic.exchange.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import civic.exchange.registry.server.LeaderElector.Leadership;
import civic.exchange.registry.server.RegistryState.Filter;
import civic.exchange.registry.server.WriteForwarder.Forwarded;

/**
 * Confluent's REST API over {@link SchemaRegistry}: routing, content negotiation, request bodies, response shapes,
 * error bodies, and the leader/follower split: reads are answered here, writes run here when this instance leads and
 * are forwarded to the leader otherwise. A path that exists with another method answers 405, any other path 404, as
 * Confluent's JAX-RS server does.
 */
final class RestHandler implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String DEFAULT_CONTENT_TYPE = "application/vnd.schemaregistry+json";
    static final String JSON_CONTENT_TYPE = "application/json";
    private static final Set<String> ACCEPTED_REQUEST_TYPES = Set.of(CONTENT_TYPE, DEFAULT_CONTENT_TYPE,
            JSON_CONTENT_TYPE, "application/octet-stream");
    /** What the server produces, best first, with Confluent's server-side quality ({@code qs}). */
    private static final Map<String, Double> PRODUCED = new LinkedHashMap<>();

    static {
        PRODUCED.put(CONTENT_TYPE, 1.0);
        PRODUCED.put(DEFAULT_CONTENT_TYPE, 0.9);
        PRODUCED.put(JSON_CONTENT_TYPE, 0.5);
    }

    /** How long a write waits for an election to finish (a failover) before answering 50004. */
    static final Duration LEADER_WAIT = Duration.ofSeconds(15);
    private static final System.Logger LOG = System.getLogger(RestHandler.class.getName());
    private static final ObjectMapper JSON = RegistryRecords.JSON;

    private record Request(String method, List<String> path, Map<String, String> query, byte[] body,
                           String pathAndQuery, String contentType, boolean forwarded) {
        String segment(int index) {
            return path.get(index);
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(query.get(name));
        }

        int intParam(String name, int fallback) {
            String value = query.get(name);
            try {
                return value == null ? fallback : Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw RegistryException.badRequest("Query parameter " + name + " must be an integer: " + value);
            }
        }
    }

    /** @param body a JSON tree, or a String sent as is (a raw schema, a relayed answer) */
    private record Response(int status, Object body, Map<String, String> headers) {
        static Response ok(Object body) {
            return new Response(200, body, Map.of());
        }
    }

    private final SchemaRegistry registry;
    private final LeaderElector elector;
    private final KafkaStore store;
    private final WriteForwarder forwarder;

    RestHandler(SchemaRegistry registry, LeaderElector elector, KafkaStore store, WriteForwarder forwarder) {
        this.registry = registry;
        this.elector = elector;
        this.store = store;
        this.forwarder = forwarder;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Response response;
        String responseType = CONTENT_TYPE;
        try (InputStream in = exchange.getRequestBody()) {
            String rawPath = exchange.getRequestURI().getRawPath();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            Request request = new Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT), segments(rawPath),
                    query(rawQuery), in.readAllBytes(), rawPath + (rawQuery == null ? "" : "?" + rawQuery), contentType,
                    exchange.getRequestHeaders().containsKey(WriteForwarder.FORWARDED_HEADER));
            responseType = negotiate(exchange.getRequestHeaders().get("Accept"));
            if (request.body().length > 0 || Set.of("POST", "PUT").contains(request.method())) {
                checkContentType(contentType);
            }
            response = route(request);
        } catch (RegistryException e) {
            response = new Response(e.status, error(e.errorCode, e.getMessage()), Map.of());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Unexpected error answering " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI(), e);
            response = new Response(500, error(50001, "Error in the backend data store: " + e), Map.of());
        }
        Object body = response.body();
        byte[] bytes = body instanceof String raw ? raw.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", responseType);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Response route(Request r) {
        List<String> p = r.path();
        String first = p.isEmpty() ? "" : p.get(0);
        return switch (first) {
            case "" -> methods(r, Map.of("GET", () -> Response.ok(JSON.createObjectNode())));
            case "schemas" -> schemas(r);
            case "subjects" -> subjects(r);
            case "config" -> config(r);
            case "mode" -> mode(r);
            case "compatibility" -> compatibility(r);
            default -> throw RegistryException.notFound();
        };
    }

    // ---------------------------------------------------------------- /schemas

    private Response schemas(Request r) {
        List<String> p = r.path();
        if (p.size() == 1) {
            return methods(r, Map.of("GET", () -> Response.ok(page(r, registry.schemas(r.query().get("subjectPrefix"),
                    r.flag("deleted"), r.flag("latestOnly")).stream().map(RestHandler::versionJson).toList()))));
        }
        if (p.size() == 2 && p.get(1).equals("types")) {
            return methods(r, Map.of("GET", () -> Response.ok(JSON.valueToTree(registry.schemaTypes()))));
        }
        if (p.size() >= 3 && p.size() <= 4 && p.get(1).equals("ids")) {
            Integer id = parseIntOrNull(p.get(2));
            if (id == null) {
                throw RegistryException.notFound(); // Confluent's integer path parameter: anything else is no route
            }
            if (p.size() == 3) {
                return methods(r, Map.of("GET", () -> {
                    ObjectNode node = schemaJson(registry.schemaById(id));
                    if (r.flag("fetchMaxId")) {
                        node.put("maxId", registry.maxId());
                    }
                    return Response.ok(node);
                }));
            }
            switch (p.get(3)) {
                case "schema":
                    return methods(r, Map.of("GET", () -> Response.ok(registry.schemaById(id).schema())));
                case "subjects":
                    return methods(r, Map.of("GET",
                            () -> Response.ok(JSON.valueToTree(registry.subjectsForId(id, r.flag("deleted"))))));
                case "versions":
                    return methods(r, Map.of("GET", () -> {
                        ArrayNode array = JSON.createArrayNode();
                        for (SchemaVersion version : registry.versionsForId(id, r.flag("deleted"))) {
                            array.addObject().put("subject", version.subject()).put("version", version.version());
                        }
                        return Response.ok(array);
                    }));
                default:
                    break;
            }
        }
        throw RegistryException.notFound();
    }

    // ---------------------------------------------------------------- /subjects

    private Response subjects(Request r) {
        List<String> p = r.path();
        if (p.size() == 1) {
            return methods(r, Map.of("GET", () -> Response.ok(page(r, registry.subjects(r.query().get("subjectPrefix"),
                    Filter.of(r.flag("deleted"), r.flag("deletedOnly")))))));
        }
        String subject = r.segment(1);
        if (p.size() == 2) {
            return methods(r, Map.of(
                    "POST", () -> Response.ok(versionJson(registry.lookup(subject, registerRequest(r), r.flag("deleted")))),
                    "DELETE", () -> write(r, () -> JSON.valueToTree(registry.deleteSubject(subject, r.flag("permanent"))))));
        }
        if (!p.get(2).equals("versions")) {
            throw RegistryException.notFound();
        }
        if (p.size() == 3) {
            return methods(r, Map.of(
                    "GET", () -> Response.ok(JSON.valueToTree(registry.versions(subject,
                            Filter.of(r.flag("deleted"), r.flag("deletedOnly"))))),
                    "POST", () -> register(r, subject)));
        }
        String version = r.segment(3);
        if (p.size() == 4) {
            return methods(r, Map.of(
                    "GET", () -> Response.ok(versionJson(registry.version(subject, VersionSpec.parse(version),
                            r.flag("deleted")))),
                    "DELETE", () -> write(r, () -> JSON.getNodeFactory().numberNode(
                            registry.deleteVersion(subject, version, r.flag("permanent"))))));
        }
        if (p.size() == 5 && p.get(4).equals("schema")) {
            return methods(r, Map.of("GET", () -> Response.ok(registry.version(subject, VersionSpec.parse(version),
                    r.flag("deleted")).schema())));
        }
        if (p.size() == 5 && p.get(4).equals("referencedby")) {
            return methods(r, Map.of("GET", () -> Response.ok(JSON.valueToTree(
                    registry.referencedBy(subject, VersionSpec.parse(version))))));
        }
        throw RegistryException.notFound();
    }

    /** Registering a schema the subject already has is answered by any instance, as Confluent's followers do. */
    private Response register(Request r, String subject) {
        SchemaRegistry.RegisterRequest request = registerRequest(r);
        Optional<Integer> existing = registry.registeredId(subject, request);
        if (existing.isPresent()) {
            return Response.ok(JSON.createObjectNode().put("id", existing.get()));
        }
        return write(r, () -> JSON.createObjectNode().put("id", registry.register(subject, request)));
    }

    // ---------------------------------------------------------------- /config, /mode

    private Response config(Request r) {
        List<String> p = r.path();
        if (p.size() > 2) {
            throw RegistryException.notFound();
        }
        String subject = p.size() == 2 ? r.segment(1) : null;
        return methods(r, Map.of(
                "GET", () -> Response.ok(levelJson(subject == null ? registry.globalLevel()
                        : registry.subjectLevel(subject, r.flag("defaultToGlobal")))),
                "PUT", () -> write(r, () -> JSON.createObjectNode()
                        .put("compatibility", registry.setLevel(subject, level(r)).name())),
                "DELETE", () -> write(r, () -> levelJson(registry.deleteLevel(subject)))));
    }

    private Response mode(Request r) {
        List<String> p = r.path();
        if (p.size() > 2) {
            throw RegistryException.notFound();
        }
        String subject = p.size() == 2 ? r.segment(1) : null;
        Map<String, Supplier<Response>> methods = new HashMap<>(Map.of(
                "GET", () -> Response.ok(modeJson(subject == null ? registry.globalMode()
                        : registry.subjectMode(subject, r.flag("defaultToGlobal")))),
                "PUT", () -> write(r, () -> modeJson(registry.setMode(subject, body(r).path("mode").asText(null))))));
        if (subject != null) {
            methods.put("DELETE", () -> write(r, () -> modeJson(registry.deleteMode(subject))));
        }
        return methods(r, methods);
    }

    // ---------------------------------------------------------------- /compatibility

    private Response compatibility(Request r) {
        List<String> p = r.path();
        if ((p.size() == 4 || p.size() == 5) && p.get(1).equals("subjects") && p.get(3).equals("versions")) {
            return methods(r, Map.of("POST", () -> {
                VersionSpec spec = p.size() == 5 ? VersionSpec.parse(r.segment(4)) : null;
                List<String> messages = registry.testCompatibility(r.segment(2), spec, registerRequest(r));
                ObjectNode result = JSON.createObjectNode().put("is_compatible", messages.isEmpty());
                if (r.flag("verbose") && !messages.isEmpty()) {
                    result.set("messages", JSON.valueToTree(messages));
                }
                return Response.ok(result);
            }));
        }
        throw RegistryException.notFound();
    }

    // ---------------------------------------------------------------- leader / follower

    /**
     * Runs a write here if this instance leads, else forwards it to the leader; waits through an election (bounded by
     * {@link #LEADER_WAIT}) instead of failing while leadership moves.
     */
    private Response write(Request r, Supplier<JsonNode> local) {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            Leadership leader;
            try {
                leader = elector.awaitLeader(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.unknownLeader();
            }
            if (leader == null) {
                throw RegistryException.unknownLeader();
            }
            if (leader.self()) {
                try {
                    JsonNode body = local.get();
                    // A follower relaying this answer waits until its own state has reached the leader's.
                    return new Response(200, body, r.forwarded()
                            ? Map.of(WriteForwarder.OFFSET_HEADER, Long.toString(store.appliedOffset())) : Map.of());
                } catch (RegistryException e) {
                    if (!e.isNotLeader() || System.nanoTime() > deadline) {
                        throw e;
                    }
                    pause(); // fenced or resigning: the election will name the new leader
                    continue;
                }
            }
            if (r.forwarded()) {
                // Leadership moved while the request travelled: the original follower's client retries.
                throw RegistryException.unknownLeader();
            }
            try {
                Forwarded answer = forwarder.forward(leader.url(), r.method(), r.pathAndQuery(), r.contentType(), r.body());
                if (answer.offset().isPresent()) {
                    awaitQuietly(answer.offset().getAsLong());
                }
                return new Response(answer.status(), answer.body(), Map.of());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw RegistryException.forwardingFailed("Error while forwarding the request to the leader at "
                            + leader.url() + ": " + e, e);
                }
                pause(); // the leader may just have gone: ask again who leads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.forwardingFailed("Interrupted while forwarding the request to the leader", e);
            }
        }
    }

    /** Read-your-writes on a follower: its state reaches the leader's before the answer is relayed. */
    private void awaitQuietly(long offset) {
        try {
            store.awaitApplied(offset, KafkaStore.WRITE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RegistryException e) {
            LOG.log(Level.WARNING, "Relaying the leader's answer before this instance caught up: " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Response methods(Request r, Map<String, Supplier<Response>> byMethod) {
        Supplier<Response> action = byMethod.get(r.method());
        if (action == null) {
            throw RegistryException.methodNotAllowed();
        }
        return action.get();
    }

    /** Confluent's {@code offset} and {@code limit} (negative: no limit) query parameters. */
    private static JsonNode page(Request r, List<?> items) {
        int offset = Math.max(0, r.intParam("offset", 0));
        int limit = r.intParam("limit", -1);
        List<?> page = items.stream().skip(offset).limit(limit < 0 ? Long.MAX_VALUE : limit).toList();
        return JSON.valueToTree(page);
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
                type == null || type.isNull() ? null : type.asText(), RegistryRecords.references(body.get("references")),
                intOrNull(body.get("id")), intOrNull(body.get("version")));
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || !node.canConvertToInt() ? null : node.asInt();
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

    /**
     * JAX-RS content negotiation as Confluent's server does it: the client's quality first, then the server's
     * ({@code vnd.schemaregistry.v1+json} 1.0, {@code vnd.schemaregistry+json} 0.9, {@code json} 0.5).
     */
    static String negotiate(List<String> acceptHeaders) {
        if (acceptHeaders == null || acceptHeaders.isEmpty()) {
            return CONTENT_TYPE;
        }
        String chosen = null;
        double bestClient = 0;
        double bestServer = 0;
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                String[] parts = range.trim().split(";");
                String type = parts[0].trim().toLowerCase(Locale.ROOT);
                if (type.isEmpty()) {
                    continue;
                }
                double client = 1.0;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].trim();
                    if (parameter.startsWith("q=")) {
                        try {
                            client = Double.parseDouble(parameter.substring(2));
                        } catch (NumberFormatException e) {
                            client = 0;
                        }
                    }
                }
                if (client <= 0) {
                    continue;
                }
                for (Map.Entry<String, Double> produced : PRODUCED.entrySet()) {
                    if (matches(type, produced.getKey())
                            && (client > bestClient || (client == bestClient && produced.getValue() > bestServer))) {
                        chosen = produced.getKey();
                        bestClient = client;
                        bestServer = produced.getValue();
                    }
                }
            }
        }
        if (chosen == null) {
            throw RegistryException.notAcceptable();
        }
        return chosen;
    }

    private static boolean matches(String range, String type) {
        return range.equals("*/*") || range.equals("*") || range.equals(type)
                || (range.endsWith("/*") && type.startsWith(range.substring(0, range.length() - 1)));
    }

    /** {@code schemaType} is left out for AVRO, as Confluent does, so that older clients read the answer. */
    private static ObjectNode schemaJson(SchemaVersion version) {
        ObjectNode node = JSON.createObjectNode().put("schema", version.schema());
        addReferences(node, version);
        return node;
    }

    private static ObjectNode versionJson(SchemaVersion version) {
        ObjectNode node = JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id());
        addReferences(node, version);
        node.put("schema", version.schema());
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

    private static ObjectNode modeJson(Mode mode) {
        return JSON.createObjectNode().put("mode", mode.name());
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
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "true");
            }
        }
        return query;
    }
}
