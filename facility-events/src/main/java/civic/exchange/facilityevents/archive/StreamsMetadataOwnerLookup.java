package civic.exchange.facilityevents.archive;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ownership from Kafka Streams' own metadata ({@link KafkaStreams#queryMetadataForKey}).
 *
 * <p>Without {@code quarkus.kafka-streams.application-server} the instance does not advertise an
 * endpoint, which is the single-instance set-up: every partition is local and no metadata is
 * consulted. With it (set to this instance's HTTP {@code host:port}), each instance learns which
 * host owns which partition, and queries for keys owned elsewhere are sent there.
 */
@ApplicationScoped
public class StreamsMetadataOwnerLookup implements FacilityOwnerLookup {

    private final KafkaStreams streams;
    private final HostInfo self;

    public StreamsMetadataOwnerLookup(KafkaStreams streams,
            @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
        this.streams = streams;
        this.self = applicationServer.filter(s -> !s.isBlank()).map(HostInfo::buildFromEndpoint).orElse(null);
    }

    @Override
    public FacilityOwner ownerOf(String facilityId) {
        if (self == null) {
            return FacilityOwner.LOCAL;
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(FacilityArchiveTopology.STORE, facilityId, Serdes.String().serializer());
        } catch (RuntimeException e) {
            // Not started yet (StreamsNotStartedException) or not running (IllegalStateException): transient.
            throw new StoreUnavailableException("Ownership of facility '" + facilityId + "' is unknown: " + e.getMessage(), e);
        }
        return decide(self, metadata);
    }

    /** Pure decision from the metadata, so it is testable without a cluster of instances. */
    static FacilityOwner decide(HostInfo self, KeyQueryMetadata metadata) {
        if (self == null) {
            return FacilityOwner.LOCAL;
        }
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE
                || HostInfo.unavailable().equals(metadata.activeHost())) {
            throw new StoreUnavailableException("The owner of this facility is not known yet (starting or rebalancing)");
        }
        return self.equals(metadata.activeHost()) ? FacilityOwner.LOCAL : new FacilityOwner.Remote(metadata.activeHost());
    }
}
