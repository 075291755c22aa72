package civic.exchange.facilityevents.archive.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.facilityevents.archive.FacilityArchive;
import civic.exchange.facilityevents.archive.FacilityOwner;
import civic.exchange.facilityevents.archive.FacilityView;
import civic.exchange.facilityevents.archive.InvalidQueryException;
import civic.exchange.facilityevents.archive.StoreUnavailableException;
import civic.exchange.facilityevents.archive.TestFacilities;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** The HTTP adapter's decisions, without a server: routing, 404 body, parameter parsing. */
class FacilityResourceTest {

    private static final Facility LAMP = TestFacilities.streetlight("SL-1", FacilityStatus.IN_SERVICE);

    private final FacilityArchive archive = new FacilityArchive(() -> new SingleFacilityStore(LAMP));

    @Test
    void localFacilityIsAnsweredAsItsView() {
        FacilityResource resource = new FacilityResource(archive, id -> FacilityOwner.LOCAL);

        Response response = resource.get(LAMP.getId());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo(FacilityView.of(LAMP));
    }

    @Test
    void absentFacilityIsA404WithTheId() {
        FacilityResource resource = new FacilityResource(archive, id -> FacilityOwner.LOCAL);

        Response response = resource.get("x");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getEntity()).isEqualTo(new ErrorBody("NOT_FOUND", "No facility 'x'", null, null));
    }

    @Test
    void facilityOwnedByAnotherInstanceIsRedirectedThere() {
        FacilityResource resource = new FacilityResource(archive,
                id -> new FacilityOwner.Remote(new HostInfo("archive-2", 8083)));

        Response response = resource.get(LAMP.getId());

        assertThat(response.getStatus()).isEqualTo(307);
        assertThat(response.getLocation()).isEqualTo(URI.create("http://archive-2:8083/facilities/" + LAMP.getId()));
    }

    @Test
    void ownershipUnknownPropagatesAsUnavailable() {
        FacilityResource resource = new FacilityResource(archive, id -> {
            throw new StoreUnavailableException("rebalancing");
        });

        assertThatThrownBy(() -> resource.get(LAMP.getId())).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void listParsesItsParameters() {
        FacilityResource resource = new FacilityResource(archive, id -> FacilityOwner.LOCAL);

        assertThat(resource.list("STREETLIGHT", "in_service", "10")).containsExactly(FacilityView.of(LAMP));
        assertThat(resource.list("tree", null, null)).isEmpty();
        assertThatThrownBy(() -> resource.list(null, null, "abc")).isInstanceOf(InvalidQueryException.class);
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
