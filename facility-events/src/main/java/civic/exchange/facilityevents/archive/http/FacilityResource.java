package civic.exchange.facilityevents.archive.http;

import civic.exchange.facilityevents.archive.ArchiveInstances;
import civic.exchange.facilityevents.archive.FacilityArchive;
import civic.exchange.facilityevents.archive.FacilityListing;
import civic.exchange.facilityevents.archive.FacilityOwner;
import civic.exchange.facilityevents.archive.FacilityOwnerLookup;
import civic.exchange.facilityevents.archive.FacilityQuery;
import civic.exchange.facilityevents.archive.FacilityView;
import civic.exchange.facilityevents.archive.ListingScope;
import civic.exchange.facilityevents.archive.PeerArchives;
import civic.exchange.facilityevents.archive.StoreUnavailableException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * HTTP adapter of the facility archive, for one instance among possibly several. A lookup is
 * answered by the instance that owns the id's partition: here, or forwarded there and its answer
 * passed on. A listing covers every instance: this one's partitions merged with the others'
 * ({@code scope=local} lists only this instance's, which is what instances ask each other).
 *
 * <p>Query parameters arrive as text and are parsed by {@link FacilityQuery}, so a bad {@code limit}
 * gets the same precise 400 as a bad {@code type} (JAX-RS would answer 404 for an unconvertible
 * numeric parameter).
 */
@Path("/facilities")
@Produces(MediaType.APPLICATION_JSON)
public class FacilityResource {

    private final FacilityArchive archive;
    private final FacilityOwnerLookup owners;
    private final ArchiveInstances instances;
    private final PeerArchives peers;

    public FacilityResource(FacilityArchive archive, FacilityOwnerLookup owners, ArchiveInstances instances, PeerArchives peers) {
        this.archive = archive;
        this.owners = owners;
        this.instances = instances;
        this.peers = peers;
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id, @HeaderParam(HttpPeerArchives.FORWARDED_BY) String forwardedBy) {
        if (owners.ownerOf(id) instanceof FacilityOwner.Remote remote) {
            if (forwardedBy != null) {
                // The instance that sent it here thought this one the owner: ownership is moving. Never forward twice.
                throw new StoreUnavailableException("Facility '" + id + "' was forwarded here by " + forwardedBy
                        + " but belongs to " + remote.host() + ": ownership is moving");
            }
            return relay(peers.lookup(remote.host(), id));
        }
        return archive.find(id)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ErrorBody.of(ErrorBody.NOT_FOUND, "No facility '" + id + "'"))
                        .build());
    }

    /**
     * Facilities of the whole archive in id order, at most {@code limit}: this instance's partitions
     * and every other instance's, merged ({@link FacilityListing}). If another instance does not
     * answer in time the listing is a 503 naming it, never a partial list.
     */
    @GET
    public List<FacilityView> list(@QueryParam("type") String type, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("scope") String scope) {
        FacilityQuery query = FacilityQuery.parse(type, status, limit);
        if (ListingScope.parse(scope) == ListingScope.LOCAL) {
            return archive.list(query);
        }
        List<HostInfo> others = instances.others();
        List<List<FacilityView>> answers = new ArrayList<>();
        answers.add(archive.list(query));
        if (!others.isEmpty()) {
            answers.addAll(peers.listLocal(others, query));
        }
        return FacilityListing.merge(answers, query.limit());
    }

    private static Response relay(PeerArchives.PeerAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.body());
        if (answer.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, answer.retryAfter());
        }
        return response.build();
    }
}
