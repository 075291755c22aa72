package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.kafka.streams.KeyValue;
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
     * This instance's facilities matching the query, at most {@code query.limit()}, in id order: the
     * stores of the local partitions are each in id order and are merged, reading only as far as
     * the limit. (The filters are not indexed: a selective filter reads further.)
     */
    public List<FacilityView> list(FacilityQuery query) {
        List<FacilityView> found = new ArrayList<>();
        List<KeyValueIterator<String, Facility>> iterators = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::id));
            for (ReadOnlyKeyValueStore<String, Facility> partition : stores.openPartitions()) {
                KeyValueIterator<String, Facility> iterator = partition.all();
                iterators.add(iterator);
                Head.next(iterator).ifPresent(heads::add);
            }
            while (!heads.isEmpty() && found.size() < query.limit()) {
                Head head = heads.poll();
                if (head.facility() != null && query.matches(head.facility())) {
                    found.add(FacilityView.of(head.facility()));
                }
                Head.next(head.iterator()).ifPresent(heads::add);
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        } finally {
            iterators.forEach(KeyValueIterator::close);
        }
        return found;
    }

    /** The next entry of one partition's iterator. */
    private record Head(String id, Facility facility, KeyValueIterator<String, Facility> iterator) {

        static Optional<Head> next(KeyValueIterator<String, Facility> iterator) {
            if (!iterator.hasNext()) {
                return Optional.empty();
            }
            KeyValue<String, Facility> entry = iterator.next();
            return Optional.of(new Head(entry.key, entry.value, iterator));
        }
    }

    private static StoreUnavailableException unavailable(InvalidStateStoreException e) {
        return new StoreUnavailableException(
                "The facility archive is not queryable yet (starting, restoring or rebalancing): " + e.getMessage(), e);
    }
}
