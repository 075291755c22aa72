package civic.exchange.connectors.ingest.http;

import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.ingest.IngestUnavailableException;
import civic.exchange.connectors.publish.PublishFailedException;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the handler's exceptions into JSON answers:
 * {@code {"error": "<ErrorCode>", "message": "...", ...details}}.
 */
public class IngestErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(IngestErrorMapper.class);

    /** Seconds a client should wait before retrying a batch the bus could not take. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response rejected(RecordRejectedException e) {
        return json(status(e.code()), body(e)).build();
    }

    /** The most specific mapper wins: a rejected batch adds where in the body it went wrong. */
    @ServerExceptionMapper
    public Response batchRejected(BatchRejectedException e) {
        Map<String, Object> body = body(e);
        e.details().forEach(body::putIfAbsent);
        return json(status(e.code()), body).build();
    }

    private static Map<String, Object> body(RecordRejectedException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().name());
        body.put("message", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        return body;
    }

    @ServerExceptionMapper
    public Response publishFailed(PublishFailedException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ErrorCode.INTERNAL_ERROR.name());
        body.put("message", e.getMessage());
        body.put("outcomeUnknown", e.outcomeUnknown());
        return json(503, body).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    /** The bus cannot take the request now (memory budget full, idempotency store behind): 503 with when to retry. */
    @ServerExceptionMapper
    public Response unavailable(IngestUnavailableException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().name());
        body.put("message", e.getMessage());
        e.details().forEach(body::putIfAbsent);
        return json(503, body).header("Retry-After", seconds(e.retryAfter())).build();
    }

    /** Whole seconds, rounded up, at least 1: Retry-After takes no fractions. */
    static long seconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case UNKNOWN_DEPARTMENT, UNKNOWN_DATASET -> 404;
            case IDEMPOTENCY_KEY_IN_USE -> 409;
            case IDEMPOTENCY_KEY_REUSED -> 422;
            case OVERLOADED -> 503;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case INTERNAL_ERROR -> 500;
            default -> 400;
        };
    }

    private static Response.ResponseBuilder json(int status, Map<String, Object> body) {
        if (status >= 500) {
            LOG.warn("Ingest answered {}: {}", status, body.get("message"));
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
