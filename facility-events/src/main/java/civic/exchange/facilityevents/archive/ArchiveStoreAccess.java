package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
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
}
