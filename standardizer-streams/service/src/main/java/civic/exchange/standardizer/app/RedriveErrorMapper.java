package civic.exchange.standardizer.app;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.standardizer.redrive.RedriveConflictException;
import civic.exchange.standardizer.redrive.RedriveFailedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON answers for the re-drive's failures: {@code {"error": "...", "message": "...", "field": "..."}}. */
public class RedriveErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(RedriveErrorMapper.class);
    static final int RETRY_AFTER_SECONDS = 10;

    @ServerExceptionMapper
    public Response badRequest(RecordRejectedException e) {
        Map<String, Object> body = body(e.code().name(), e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        int status = e.code() == ErrorCode.UNKNOWN_DATASET || e.code() == ErrorCode.UNKNOWN_DEPARTMENT ? 404 : 400;
        return json(status, body).build();
    }

    @ServerExceptionMapper
    public Response conflict(RedriveConflictException e) {
        return json(409, body("REDRIVE_CONFLICT", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response failed(RedriveFailedException e) {
        LOG.warn("Re-drive failed: {}", e.getMessage(), e.getCause());
        return json(503, body("BUS_UNAVAILABLE", e.getMessage())).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static Map<String, Object> body(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    private static Response.ResponseBuilder json(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}
