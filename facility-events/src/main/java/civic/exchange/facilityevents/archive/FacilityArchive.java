package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the facility archive: one facility by canonical id, or a filtered listing.
 * Transport-free (the HTTP resource adapts it). A store that is not queryable, including one that
 * becomes unqueryable mid-read because of a rebalance, surfaces as {@link StoreUnavailableException}.
 */
@ApplicationScoped
public class FacilityArchive {

    private final ArchiveStoreAccess stores;

    public FacilityArchive(ArchiveStoreAccess stores) {
        this.stores = stores;
    }

    public Optional<FacilityView> find(String id) {
        try {
            return Optional.ofNullable(stores.open().get(id)).map(FacilityView::of);
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /**
     * Facilities matching the query, at most {@code query.limit()}, in store order: by id within each
     * local partition, partition after partition (no global order across partitions). Scans the
     * local store, stopping at the limit: the archive is small (one entry per city asset) and the
     * filters are not indexed.
     */
    public List<FacilityView> list(FacilityQuery query) {
        List<FacilityView> found = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, Facility> store = stores.open();
            try (KeyValueIterator<String, Facility> all = store.all()) {
                while (all.hasNext() && found.size() < query.limit()) {
                    Facility facility = all.next().value;
                    if (facility != null && query.matches(facility)) {
                        found.add(FacilityView.of(facility));
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        return found;
    }

    private static StoreUnavailableException unavailable(InvalidStateStoreException e) {
        return new StoreUnavailableException(
                "The facility archive is not queryable yet (starting, restoring or rebalancing): " + e.getMessage(), e);
    }
}
