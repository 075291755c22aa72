package civic.exchange.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * One HTTP request as the routes see it. The raw path and query are kept as well ({@code pathAndQuery}) because a
 * follower forwards the request to the leader exactly as it came.
 *
 * @param forwarded sent by a follower ({@link WriteForwarder#FORWARDED_HEADER}): never forwarded again
 */
record RestRequest(String method, List<String> path, Map<String, String> query, byte[] body, String pathAndQuery,
                   String contentType, boolean forwarded) {

    static RestRequest read(HttpExchange exchange, InputStream body) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        return new RestRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), segments(rawPath),
                query(rawQuery), body.readAllBytes(), rawPath + (rawQuery == null ? "" : "?" + rawQuery), contentType,
                exchange.getRequestHeaders().containsKey(WriteForwarder.FORWARDED_HEADER));
    }

    String segment(int index) {
        return path.get(index);
    }

    /**
     * The subject of {@code /<resource>} or {@code /<resource>/{subject}} (null for the global
     * setting); a deeper path is not found.
     */
    String subjectOrGlobal() {
        if (path.size() > 2) {
            throw RegistryException.notFound();
        }
        return path.size() == 2 ? segment(1) : null;
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

    /** Runs the action for this request's method; a path that exists with another method answers 405, as in Confluent. */
    RestResponse answer(Map<String, Supplier<RestResponse>> byMethod) {
        Supplier<RestResponse> action = byMethod.get(method);
        if (action == null) {
            throw RegistryException.methodNotAllowed();
        }
        return action.get();
    }

    /** Confluent's {@code offset} and {@code limit} (negative: no limit) query parameters. */
    List<?> page(List<?> items) {
        int offset = Math.max(0, intParam("offset", 0));
        int limit = intParam("limit", -1);
        return items.stream().skip(offset).limit(limit < 0 ? Long.MAX_VALUE : limit).toList();
    }

    /** The body as a JSON object; anything else is a 400 naming what is wrong. */
    JsonNode jsonBody() {
        if (body.length == 0) {
            throw RegistryException.badRequest("Request body is empty; a JSON object is expected");
        }
        JsonNode node;
        try {
            node = RegistryRecords.JSON.readTree(body);
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
