package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import civic.exchange.streams.failure.StreamsHealthListener;
import civic.exchange.topics.CanonicalEntity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The archive store of the Kafka Streams instance Quarkus runs (interactive queries, local partitions only). */
@ApplicationScoped
public class KafkaStreamsArchiveStore implements ArchiveStoreAccess {

    private final KafkaStreams streams;

    public KafkaStreamsArchiveStore(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public ReadOnlyKeyValueStore<String, Facility> open() {
        return opening(() -> streams.store(parameters()));
    }

    /** The active partitions of this instance's threads, each its own store. */
    @Override
    public List<ReadOnlyKeyValueStore<String, Facility>> openPartitions() {
        return opening(() -> StreamsHealthListener.activePartitions(streams).stream()
                .filter(tp -> tp.topic().equals(CanonicalEntity.FACILITY.topic()))
                .map(tp -> tp.partition())
                .sorted()
                .distinct()
                .map(partition -> streams.store(parameters().withPartition(partition)))
                .toList());
    }

    private static StoreQueryParameters<ReadOnlyKeyValueStore<String, Facility>> parameters() {
        return StoreQueryParameters.fromNameAndType(FacilityArchiveTopology.STORE, QueryableStoreTypes.keyValueStore());
    }

    private <T> T opening(Supplier<T> open) {
        try {
            return open.get();
        } catch (InvalidStateStoreException e) {
            throw e;
        } catch (IllegalStateException e) {
            // Not running at all (ERROR, PENDING_SHUTDOWN): still an unavailable store to the caller, not a 500.
            throw new StoreUnavailableException("The facility archive is not running (Kafka Streams state "
                    + streams.state() + "); see the service log", e);
        }
    }
}
