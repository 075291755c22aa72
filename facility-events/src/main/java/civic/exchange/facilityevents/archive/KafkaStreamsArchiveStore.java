package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import jakarta.enterprise.context.ApplicationScoped;
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
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(
                    FacilityArchiveTopology.STORE, QueryableStoreTypes.<String, Facility>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw e;
        } catch (IllegalStateException e) {
            // Not running at all (ERROR, PENDING_SHUTDOWN): still an unavailable store to the caller, not a 500.
            throw new StoreUnavailableException("The facility archive is not running (Kafka Streams state "
                    + streams.state() + "); see the service log", e);
        }
    }
}
