package civic.exchange.standardizer.link;

import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The cross-reference from a department's local id of a facility to its canonical id, as kept on
 * the compacted topic {@code xref.facility}: key {@code department/dataset/localId}, value the
 * canonical facility id (UTF-8 text).
 */
public final class FacilityXref {

    private final KeyValueStore<String, String> store;

    public FacilityXref(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The key of a facility on {@code xref.facility}. Local ids may contain '/': only the first two separate. */
    public static String key(String department, String dataset, String localId) {
        return department + "/" + dataset + "/" + localId;
    }

    /** @param dataset {@code department/dataset} */
    public Optional<String> facilityId(String dataset, String localId) {
        return Optional.ofNullable(store.get(dataset + "/" + localId));
    }
}
