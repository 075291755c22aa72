package civic.exchange.facilityevents.archive.http;

import civic.exchange.facilityevents.archive.InvalidQueryException;
import civic.exchange.facilityevents.archive.PeerUnavailableException;
import civic.exchange.facilityevents.archive.StoreUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the archive's exceptions into JSON answers: 400 with the reason, 503 with Retry-After (and which instance did not answer). */
public class ArchiveErrorMappers {

    /** Seconds a client should wait while the store starts or rebalances; rebalances take seconds. */
    static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(ArchiveErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(ErrorBody.INVALID_PARAMETER, e.getMessage(), e.parameter(), e.allowed()))
                .build();
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.debugf("Archive query answered 503: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(ErrorBody.STORE_UNAVAILABLE,
                        "The facility archive is not queryable yet (starting or rebalancing); retry in "
                                + RETRY_AFTER_SECONDS + " s"))
                .build();
    }

    @ServerExceptionMapper
    public Response peerUnavailable(PeerUnavailableException e) {
        LOG.warnf("Archive query answered 503: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(ErrorBody.INSTANCE_UNAVAILABLE, e.getMessage()
                        + "; it holds part of the archive, so the answer would be incomplete. Retry in " + RETRY_AFTER_SECONDS + " s"))
                .build();
    }
}
