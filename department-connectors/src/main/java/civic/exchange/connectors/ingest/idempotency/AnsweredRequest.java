package civic.exchange.connectors.ingest.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The first answer given to a request with an Idempotency-Key, and what identifies that request: a
 * retry is the same request when it goes to the same dataset with a body of the same SHA-256.
 *
 * @param dataset    {@code department/dataset} the request was addressed to
 * @param bodySha256 lower-case hex SHA-256 of the request body as received
 * @param status     HTTP status of the answer
 * @param body       the answer's JSON body
 * @param answeredAt when the answer was given; the key is remembered for a window from then
 */
public record AnsweredRequest(String dataset, String bodySha256, int status, JsonNode body, Instant answeredAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public AnsweredRequest {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(bodySha256, "bodySha256");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(answeredAt, "answeredAt");
    }

    /** As it is kept on {@code ingest.idempotency}: {@code {"dataset", "bodySha256", "status", "body", "answeredAt"}}. */
    public byte[] toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("dataset", dataset);
        node.put("bodySha256", bodySha256);
        node.put("status", status);
        node.set("body", body);
        node.put("answeredAt", answeredAt.toString());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not such an answer */
    public static AnsweredRequest fromJson(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject() || !node.path("body").isObject() || !node.path("status").isInt()) {
                throw new IllegalArgumentException("not an answered request");
            }
            return new AnsweredRequest(text(node, "dataset"), text(node, "bodySha256"), node.get("status").intValue(),
                    node.get("body"), Instant.parse(text(node, "answeredAt")));
        } catch (IOException | DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("Not an answered request: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no text '" + field + "'");
        }
        return value.textValue();
    }
}
