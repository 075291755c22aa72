package civic.exchange.connectors.batch;

import civic.exchange.ids.CanonicalIds;
import java.util.UUID;

/**
 * Record ids for the {@code exchange.record-id} header. When the sender names its request
 * (Idempotency-Key or X-Request-Id) the ids are derived from that name and the record's position,
 * so a retried request yields the same ids and consumers can drop the duplicates.
 */
public final class RecordIds {

    private RecordIds() {
    }

    /** Deterministic id of record {@code index} of the request {@code requestKey} to {@code department/dataset}. */
    public static String derived(String qualifiedDataset, String requestKey, int index) {
        return CanonicalIds.recordId(qualifiedDataset, requestKey, index);
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }
}
