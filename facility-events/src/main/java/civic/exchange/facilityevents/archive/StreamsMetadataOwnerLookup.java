package civic.exchange.facilityevents.archive;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ownership and the other instances, from Kafka Streams' own metadata
 * ({@link KafkaStreams#queryMetadataForKey}, {@link KafkaStreams#streamsMetadataForStore}).
 *
 * <p>{@code quarkus.kafka-streams.application-server} (this instance's HTTP {@code host:port}, set by
 * default) is advertised to the other instances of the application: each learns which host owns
 * which partition, so a lookup of an id owned elsewhere is forwarded there and a listing asks every
 * host. Set to nothing, the instance advertises no endpoint and counts as alone: every partition is
 * local and no metadata is consulted.
 */
@ApplicationScoped
public class StreamsMetadataOwnerLookup implements FacilityOwnerLookup, ArchiveInstances {

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

    @Override
    public List<HostInfo> others() {
        if (self == null) {
            return List.of();
        }
        Collection<StreamsMetadata> instances;
        try {
            instances = streams.streamsMetadataForStore(FacilityArchiveTopology.STORE);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("The archive's instances are unknown: " + e.getMessage(), e);
        }
        return others(self, instances);
    }

    /** The hosts of the metadata other than {@code self}, each once, in a stable order. */
    static List<HostInfo> others(HostInfo self, Collection<StreamsMetadata> instances) {
        return instances.stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self) && !host.equals(HostInfo.unavailable()))
                .distinct()
                .sorted(Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port))
                .toList();
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
