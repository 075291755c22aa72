package civic.exchange.facilityevents.archive.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.facilityevents.archive.FacilityArchive;
import civic.exchange.facilityevents.archive.FacilityOwner;
import civic.exchange.facilityevents.archive.FacilityView;
import civic.exchange.facilityevents.archive.FacilityQuery;
import civic.exchange.facilityevents.archive.InvalidQueryException;
import civic.exchange.facilityevents.archive.PeerArchives;
import civic.exchange.facilityevents.archive.PeerUnavailableException;
import civic.exchange.facilityevents.archive.StoreUnavailableException;
import civic.exchange.facilityevents.archive.TestFacilities;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** The HTTP adapter's decisions, without a server: routing, 404 body, parameter parsing. */
class FacilityResourceTest {

    private static final Facility LAMP = TestFacilities.streetlight("SL-1", FacilityStatus.IN_SERVICE);

    private static final HostInfo OTHER = new HostInfo("archive-2", 8083);

    private final FacilityArchive archive = new FacilityArchive(() -> new SingleFacilityStore(LAMP));
    private final RecordingPeers peers = new RecordingPeers();

    private FacilityResource alone() {
        return new FacilityResource(archive, id -> FacilityOwner.LOCAL, List::of, peers);
    }

    @Test
    void localFacilityIsAnsweredAsItsView() {
        Response response = alone().get(LAMP.getId(), null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo(FacilityView.of(LAMP));
        assertThat(peers.asked).isEmpty();
    }

    @Test
    void absentFacilityIsA404WithTheId() {
        Response response = alone().get("x", null);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getEntity()).isEqualTo(new ErrorBody("NOT_FOUND", "No facility 'x'", null, null));
    }

    @Test
    void facilityOwnedByAnotherInstanceIsForwardedThereAndItsAnswerPassedOn() {
        FacilityResource resource = new FacilityResource(archive, id -> new FacilityOwner.Remote(OTHER), List::of, peers);
        peers.answer = new PeerArchives.PeerAnswer(200, "{\"id\":\"remote\"}", null);

        Response response = resource.get("remote", null);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo("{\"id\":\"remote\"}");
        assertThat(peers.asked).containsExactly("lookup remote at archive-2:8083");

        peers.answer = new PeerArchives.PeerAnswer(503, "{\"error\":\"STORE_UNAVAILABLE\"}", "2");
        Response unavailable = resource.get("remote", null);
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("2");
    }

    @Test
    void aForwardedLookupIsNeverForwardedAgain() {
        FacilityResource resource = new FacilityResource(archive, id -> new FacilityOwner.Remote(OTHER), List::of, peers);

        assertThatThrownBy(() -> resource.get(LAMP.getId(), "archive-1:8083"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("ownership is moving");
        assertThat(peers.asked).isEmpty();
    }

    @Test
    void ownershipUnknownPropagatesAsUnavailable() {
        FacilityResource resource = new FacilityResource(archive, id -> {
            throw new StoreUnavailableException("rebalancing");
        }, List::of, peers);

        assertThatThrownBy(() -> resource.get(LAMP.getId(), null)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void listParsesItsParameters() {
        assertThat(alone().list("STREETLIGHT", "in_service", "10", null)).containsExactly(FacilityView.of(LAMP));
        assertThat(alone().list("tree", null, null, null)).isEmpty();
        assertThatThrownBy(() -> alone().list(null, null, "abc", null)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> alone().list(null, null, null, "everywhere"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("scope");
                    assertThat(e.allowed()).containsExactly("all", "local");
                });
    }

    @Test
    void listingMergesEveryInstancesPartitionsInIdOrder() {
        FacilityResource resource = new FacilityResource(archive, id -> FacilityOwner.LOCAL, () -> List.of(OTHER), peers);
        FacilityView before = view("00000000-0000-0000-0000-000000000000");
        FacilityView after = view("ffffffff-ffff-ffff-ffff-ffffffffffff");
        peers.listing = List.of(after, before);

        assertThat(resource.list("streetlight", null, "10", null)).containsExactly(before, FacilityView.of(LAMP), after);
        assertThat(peers.asked).containsExactly("list STREETLIGHT/null/10 at archive-2:8083");
    }

    @Test
    void aLocalListingAsksNoOtherInstance() {
        FacilityResource resource = new FacilityResource(archive, id -> FacilityOwner.LOCAL, () -> List.of(OTHER), peers);

        assertThat(resource.list(null, null, null, "local")).containsExactly(FacilityView.of(LAMP));
        assertThat(peers.asked).isEmpty();
    }

    @Test
    void anInstanceThatDoesNotAnswerFailsTheListingRatherThanShorteningIt() {
        FacilityResource resource = new FacilityResource(archive, id -> FacilityOwner.LOCAL, () -> List.of(OTHER), peers);
        peers.failure = new PeerUnavailableException(OTHER, "Archive instance archive-2:8083 did not answer the listing within 2000 ms", null);

        assertThatThrownBy(() -> resource.list(null, null, null, null)).isSameAs(peers.failure);
    }

    private static FacilityView view(String id) {
        FacilityView lamp = FacilityView.of(LAMP);
        return new FacilityView(id, lamp.type(), lamp.status(), lamp.name(), lamp.description(), lamp.location(), lamp.address(),
                lamp.commissionedAt(), lamp.observedAt(), lamp.source(), lamp.attributes(), lamp.provenance());
    }

    /** Other instances, answering what the test sets and noting what they were asked. */
    private static final class RecordingPeers implements PeerArchives {
        final List<String> asked = new ArrayList<>();
        PeerAnswer answer;
        List<FacilityView> listing = List.of();
        PeerUnavailableException failure;

        @Override
        public PeerAnswer lookup(HostInfo owner, String id) {
            asked.add("lookup " + id + " at " + owner.host() + ":" + owner.port());
            return answer;
        }

        @Override
        public List<List<FacilityView>> listLocal(List<HostInfo> instances, FacilityQuery query) {
            if (failure != null) {
                throw failure;
            }
            instances.forEach(i -> asked.add("list " + query.type() + "/" + query.status() + "/" + query.limit() + " at " + i.host() + ":" + i.port()));
            // each instance answers in id order
            return instances.stream().map(i -> listing.stream().sorted(java.util.Comparator.comparing(FacilityView::id)).toList()).toList();
        }
    }

    /** A store holding one facility. */
    private record SingleFacilityStore(Facility facility) implements ReadOnlyKeyValueStore<String, Facility> {

        @Override
        public Facility get(String key) {
            return facility.getId().equals(key) ? facility : null;
        }

        @Override
        public KeyValueIterator<String, Facility> range(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, Facility> all() {
            var entries = java.util.List.of(org.apache.kafka.streams.KeyValue.pair(facility.getId(), facility)).iterator();
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public org.apache.kafka.streams.KeyValue<String, Facility> next() {
                    return entries.next();
                }

                @Override
                public void close() {
                }

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public long approximateNumEntries() {
            return 1;
        }
    }
}
