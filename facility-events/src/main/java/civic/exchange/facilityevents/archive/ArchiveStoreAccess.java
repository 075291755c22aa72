package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Opens this instance's part of the archive store. The seam between the query logic and Kafka
 * Streams: the running service opens the store of its {@code KafkaStreams}, fast tests hand in the
 * store of a {@code TopologyTestDriver}.
 */
@FunctionalInterface
public interface ArchiveStoreAccess {

    /** @throws InvalidStateStoreException while the store is not queryable (starting, restoring, rebalancing) */
    ReadOnlyKeyValueStore<String, Facility> open();

    /**
     * One store per partition this instance holds, each iterating in id order, so a listing can merge
     * them into one id order. A single store (a test driver's) is one partition.
     *
     * @throws InvalidStateStoreException while the store is not queryable
     */
    default List<ReadOnlyKeyValueStore<String, Facility>> openPartitions() {
        return List.of(open());
    }
}
