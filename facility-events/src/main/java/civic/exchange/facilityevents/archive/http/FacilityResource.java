package civic.exchange.facilityevents.archive.http;

import civic.exchange.facilityevents.archive.FacilityArchive;
import civic.exchange.facilityevents.archive.FacilityOwner;
import civic.exchange.facilityevents.archive.FacilityOwnerLookup;
import civic.exchange.facilityevents.archive.FacilityQuery;
import civic.exchange.facilityevents.archive.FacilityView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/**
 * HTTP adapter of the facility archive. Query parameters arrive as text and are parsed by
 * {@link FacilityQuery}, so a bad {@code limit} gets the same precise 400 as a bad {@code type}
 * (JAX-RS would answer 404 for an unconvertible numeric parameter).
 */
@Path("/facilities")
@Produces(MediaType.APPLICATION_JSON)
public class FacilityResource {

    private final FacilityArchive archive;
    private final FacilityOwnerLookup owners;

    public FacilityResource(FacilityArchive archive, FacilityOwnerLookup owners) {
        this.archive = archive;
        this.owners = owners;
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        if (owners.ownerOf(id) instanceof FacilityOwner.Remote remote) {
            // Another instance owns this id's partition: send the client there (same path, its endpoint).
            return Response.temporaryRedirect(UriBuilder.fromPath("/facilities/{id}").scheme("http")
                    .host(remote.host().host()).port(remote.host().port()).build(id)).build();
        }
        return archive.find(id)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ErrorBody.of(ErrorBody.NOT_FOUND, "No facility '" + id + "'"))
                        .build());
    }

    /**
     * Facilities of this instance's store (see {@link FacilityArchive#list}). With several instances this lists only the
     * local partitions; a complete listing would gather {@code KafkaStreams.streamsMetadataForStore}
     * hosts and merge their answers.
     */
    @GET
    public List<FacilityView> list(@QueryParam("type") String type, @QueryParam("status") String status,
            @QueryParam("limit") String limit) {
        return archive.list(FacilityQuery.parse(type, status, limit));
    }
}
