package civic.exchange.registry.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * An answer before it is written.
 *
 * @param body    a JSON tree, or a String sent as is (a raw schema, an answer relayed from the leader)
 * @param headers extra headers, set after the negotiated Content-Type
 */
record RestResponse(int status, Object body, Map<String, String> headers) {

    static RestResponse ok(Object body) {
        return new RestResponse(200, body, Map.of());
    }

    /** Confluent's error answer: the exception's HTTP status and {@code {"error_code", "message"}}. */
    static RestResponse error(RegistryException e) {
        return new RestResponse(e.status, ResponseJson.error(e.errorCode, e.getMessage()), Map.of());
    }

    void send(HttpExchange exchange, String contentType) throws IOException {
        byte[] bytes = body instanceof String raw ? raw.getBytes(StandardCharsets.UTF_8)
                : RegistryRecords.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
