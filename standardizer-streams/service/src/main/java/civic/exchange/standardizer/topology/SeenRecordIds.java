package civic.exchange.standardizer.topology;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The record ids a dataset's task standardized within the dedupe window, so that a raw record
 * published again (a retried request, a connector that re-sends) writes nothing twice. A window
 * store, changelogged like the rest of the task's state: it commits with the records it vouches
 * for, survives restarts (restored from its changelog), and forgets ids as the window passes. In
 * memory, not RocksDB: Kafka Streams flushes a RocksDB store on every commit, which at a commit
 * every 100 ms would cost more than the ids take (about 100 bytes each, for the ids of one window). Ids are remembered per raw partition: records are keyed by their local id, so the versions
 * of one record, and its retries, meet in one partition.
 */
final class SeenRecordIds {

    private final WindowStore<String, Long> store;
    private final long windowMs;

    private SeenRecordIds(WindowStore<String, Long> store, long windowMs) {
        this.store = store;
        this.windowMs = windowMs;
    }

    /** The store's builder: {@code <department>.<dataset>.seen-record-ids}. */
    static StoreBuilder<WindowStore<String, Long>> store(String name, Duration window) {
        return Stores.windowStoreBuilder(Stores.inMemoryWindowStore(name, window, Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long());
    }

    /** The task's ids, or null when the dataset is not deduplicated (no store name). */
    static SeenRecordIds of(ProcessorContext<?, ?> context, String storeName, Duration window) {
        return storeName == null ? null : new SeenRecordIds(context.getStateStore(storeName), window.toMillis());
    }

    /** Whether {@code recordId} was standardized within the window around {@code timestamp}. */
    boolean contains(String recordId, long timestamp) {
        try (WindowStoreIterator<Long> seen = store.fetch(recordId, Math.max(0L, timestamp - windowMs),
                timestamp + windowMs)) {
            return seen.hasNext();
        }
    }

    void add(String recordId, long timestamp) {
        store.put(recordId, timestamp, timestamp);
    }
}
