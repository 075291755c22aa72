package civic.exchange.standardizer.app;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.standardizer.quality.DatasetQuality;
import civic.exchange.standardizer.quality.QualityPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * HTTP transport of the quality board: {@code GET /quality} (JSON, every dataset's latest report;
 * a browser gets the page), {@code GET /quality/{department}/{dataset}} (one report; 404 with the
 * reason for a dataset the catalog does not have, or one with no report yet).
 */
@Path("/quality")
public class QualityResource {

    @Inject
    QualityBoardReader reader;

    @Inject
    ExchangeCatalog catalog;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<DatasetQuality> all() {
        return reader.board().all();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return QualityPage.render(reader.board().all());
    }

    @GET
    @Path("/{department}/{dataset}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response one(@PathParam("department") String department, @PathParam("dataset") String dataset) {
        if (catalog.department(department).isEmpty()) {
            throw new RecordRejectedException(ErrorCode.UNKNOWN_DEPARTMENT, null,
                    "no department '" + department + "' in the exchange catalog");
        }
        if (catalog.dataset(department, dataset).isEmpty()) {
            throw new RecordRejectedException(ErrorCode.UNKNOWN_DATASET, null,
                    "department '" + department + "' publishes no dataset '" + dataset + "'");
        }
        String id = department + "/" + dataset;
        return reader.board().of(id).map(report -> Response.ok(report).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("error", "NO_REPORT_YET", "message", "no quality report for " + id
                                + " yet: the first comes one quality interval after its first record")).build());
    }
}
