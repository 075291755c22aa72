package civic.exchange.registry.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Sends a write that reached a follower to the leader, as Confluent's followers do: the same method, path, query
 * and body, marked {@link #FORWARDED_HEADER} so that it is never forwarded a second time. The leader's answer
 * carries {@link #OFFSET_HEADER}, the point of the schemas topic its state had reached when it answered; the follower
 * waits until its own reader got there before relaying the answer, so a client reads its write back from any instance.
 */
final class WriteForwarder {

    static final String FORWARDED_HEADER = "X-Schema-Registry-Forwarded";
    static final String OFFSET_HEADER = "X-Schema-Registry-Offset";

    /** The leader's answer, relayed as is. */
    record Forwarded(int status, String body, OptionalLong offset) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @throws IOException the leader could not be reached (it may just have gone: the caller asks who leads now)
     */
    Forwarded forward(String leaderUrl, String method, String pathAndQuery, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(leaderUrl + pathAndQuery))
                .timeout(KafkaStore.WRITE_TIMEOUT.plusSeconds(15))
                .header(FORWARDED_HEADER, "true")
                .header("Accept", ContentNegotiation.SCHEMA_REGISTRY_V1_JSON)
                .header("Content-Type", contentType == null || contentType.isBlank() ? ContentNegotiation.SCHEMA_REGISTRY_V1_JSON : contentType)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        OptionalLong offset = OptionalLong.empty();
        String header = response.headers().firstValue(OFFSET_HEADER).orElse(null);
        if (header != null) {
            try {
                offset = OptionalLong.of(Long.parseLong(header.trim()));
            } catch (NumberFormatException e) {
                // an answer without a usable offset is relayed without waiting
            }
        }
        return new Forwarded(response.statusCode(), response.body(), offset);
    }
}
