package civic.exchange.standardizer.app;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.standardizer.redrive.DlqRedriver;
import civic.exchange.standardizer.redrive.RedriveRequest;
import civic.exchange.standardizer.redrive.RedriveResult;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * HTTP transport of the DLQ re-drive:
 * {@code POST /dlq/standardizer/redrive?dataset=lighting/streetlights[&errorCode=UNKNOWN_CODE][&dryRun=true]}.
 * Answers 200 with {@link RedriveResult}; a bad request 400/404 with the reason; a concurrent
 * re-drive of the same dataset 409; a bus that does not answer 503 (see {@link RedriveErrorMapper}).
 */
@Path("/dlq/standardizer/redrive")
public class DlqRedriveResource {

    @Inject
    DlqRedriver redriver;

    @Inject
    ExchangeCatalog catalog;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public RedriveResult redrive(@QueryParam("dataset") String dataset, @QueryParam("errorCode") String errorCode,
                                 @QueryParam("dryRun") String dryRun) {
        return redriver.redrive(RedriveRequest.parse(catalog, dataset, errorCode, dryRun));
    }
}
