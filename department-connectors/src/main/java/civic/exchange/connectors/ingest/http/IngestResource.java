package civic.exchange.connectors.ingest.http;

import civic.exchange.connectors.ingest.IngestHandler;
import civic.exchange.connectors.ingest.IngestOutcome;
import civic.exchange.connectors.ingest.IngestRequest;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * HTTP transport of the ingest connector: {@code POST /ingest/{department}/{dataset}}. Reads the
 * address, the headers and the body stream and hands them to {@link IngestHandler}; errors become
 * JSON answers in {@link IngestErrorMapper}. A request repeating an answered Idempotency-Key gets
 * the first answer again, with {@code Idempotent-Replayed: true}.
 */
@Path("/ingest")
public class IngestResource {

    static final String IDEMPOTENCY_KEY = IngestHandler.IDEMPOTENCY_KEY;
    static final String REQUEST_ID = IngestHandler.REQUEST_ID;
    static final String CORRELATION_ID = "X-Correlation-Id";
    /** On an answer given again for a repeated Idempotency-Key: nothing was written this time. */
    static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    IngestHandler handler;

    @POST
    @Path("/{department}/{dataset}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response ingest(@PathParam("department") String department,
                           @PathParam("dataset") String dataset,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                           @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                           @HeaderParam(REQUEST_ID) String requestId,
                           @HeaderParam(CORRELATION_ID) String correlationId,
                           InputStream body) {
        IngestOutcome outcome = handler.answer(new IngestRequest(department, dataset, contentType,
                parseLength(contentLength), body, idempotencyKey, requestId, correlationId));
        Response.ResponseBuilder response = Response.status(outcome.status()).entity(outcome.receipt())
                .header(CORRELATION_ID, outcome.receipt().correlationId());
        if (outcome.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.build();
    }

    private static long parseLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
