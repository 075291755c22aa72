package civic.exchange.connectors.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.ingest.IngestUnavailableException;
import civic.exchange.connectors.publish.PublishFailedException;
import civic.exchange.errors.ErrorCode;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestErrorMapperTest {

    private final IngestErrorMapper mapper = new IngestErrorMapper();

    @Test
    void statusFollowsTheErrorCode() {
        assertThat(IngestErrorMapper.status(ErrorCode.UNKNOWN_DEPARTMENT)).isEqualTo(404);
        assertThat(IngestErrorMapper.status(ErrorCode.UNKNOWN_DATASET)).isEqualTo(404);
        assertThat(IngestErrorMapper.status(ErrorCode.MALFORMED_JSON)).isEqualTo(400);
        assertThat(IngestErrorMapper.status(ErrorCode.INVALID_ENCODING)).isEqualTo(400);
        assertThat(IngestErrorMapper.status(ErrorCode.INVALID_VALUE)).isEqualTo(400);
        assertThat(IngestErrorMapper.status(ErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo(413);
        assertThat(IngestErrorMapper.status(ErrorCode.UNSUPPORTED_MEDIA_TYPE)).isEqualTo(415);
        assertThat(IngestErrorMapper.status(ErrorCode.INTERNAL_ERROR)).isEqualTo(500);
        assertThat(IngestErrorMapper.status(ErrorCode.IDEMPOTENCY_KEY_REUSED)).isEqualTo(422);
        assertThat(IngestErrorMapper.status(ErrorCode.IDEMPOTENCY_KEY_IN_USE)).isEqualTo(409);
    }

    @Test
    void aRequestTheBusCannotTakeNowIsServiceUnavailableWithItsRetryAfterInWholeSeconds() {
        Response response = mapper.unavailable(new IngestUnavailableException(ErrorCode.OVERLOADED, "budget full",
                Duration.ofMillis(1500), Map.of("budgetBytes", 1024L), null));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(body(response)).containsExactly(Map.entry("error", "OVERLOADED"), Map.entry("message", "budget full"),
                Map.entry("budgetBytes", 1024L));
        assertThat(IngestErrorMapper.seconds(Duration.ZERO)).isEqualTo(1);
        assertThat(IngestErrorMapper.seconds(Duration.ofSeconds(30))).isEqualTo(30);
    }

    @Test
    void bodyCarriesCodeMessageAndDetails() {
        Response response = mapper.batchRejected(new BatchRejectedException(ErrorCode.MALFORMED_JSON, "Malformed JSON at line 2",
                BatchRejectedException.detail().with("line", 2).with("column", 5).with("recordIndex", 1).map()));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response)).containsExactly(
                Map.entry("error", "MALFORMED_JSON"), Map.entry("message", "Malformed JSON at line 2"),
                Map.entry("line", 2), Map.entry("column", 5), Map.entry("recordIndex", 1));
    }

    @Test
    void publishFailureIsServiceUnavailableWithRetryAfter() {
        Response response = mapper.publishFailed(new PublishFailedException("broker down", null, false));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(body(response)).containsEntry("error", "INTERNAL_ERROR").containsEntry("outcomeUnknown", false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response response) {
        return (Map<String, Object>) response.getEntity();
    }
}
