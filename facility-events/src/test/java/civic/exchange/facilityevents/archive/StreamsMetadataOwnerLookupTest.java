package civic.exchange.facilityevents.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.internals.StreamsMetadataImpl;
import org.junit.jupiter.api.Test;

class StreamsMetadataOwnerLookupTest {

    private static final HostInfo SELF = new HostInfo("archive-1", 8083);
    private static final HostInfo OTHER = new HostInfo("archive-2", 8083);

    @Test
    void aLoneInstanceIsTheOwnerOfEverythingWithoutAskingKafkaStreams() {
        StreamsMetadataOwnerLookup lookup = new StreamsMetadataOwnerLookup(null, Optional.empty());

        assertThat(lookup.ownerOf("any-id")).isEqualTo(FacilityOwner.LOCAL);
    }

    @Test
    void keyOwnedHereIsLocal() {
        assertThat(StreamsMetadataOwnerLookup.decide(SELF, new KeyQueryMetadata(SELF, Set.of(OTHER), 3)))
                .isEqualTo(FacilityOwner.LOCAL);
    }

    @Test
    void keyOwnedElsewhereNamesTheOwner() {
        assertThat(StreamsMetadataOwnerLookup.decide(SELF, new KeyQueryMetadata(OTHER, Set.of(), 1)))
                .isEqualTo(new FacilityOwner.Remote(OTHER));
    }

    @Test
    void ownershipUnknownDuringRebalanceIsUnavailable() {
        assertThatThrownBy(() -> StreamsMetadataOwnerLookup.decide(SELF, KeyQueryMetadata.NOT_AVAILABLE))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> StreamsMetadataOwnerLookup.decide(SELF, new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), 0)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> StreamsMetadataOwnerLookup.decide(SELF, null))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void theOtherInstancesAreEveryHostOfTheStoreButThisOne() {
        HostInfo third = new HostInfo("archive-3", 8083);
        List<StreamsMetadata> metadata = List.of(instance(OTHER), instance(SELF), instance(third), instance(OTHER));

        assertThat(StreamsMetadataOwnerLookup.others(SELF, metadata)).containsExactly(OTHER, third);
        assertThat(StreamsMetadataOwnerLookup.others(SELF, List.of(instance(SELF)))).isEmpty();
    }

    @Test
    void aLoneInstanceHasNoOthersWithoutAskingKafkaStreams() {
        assertThat(new StreamsMetadataOwnerLookup(null, Optional.empty()).others()).isEmpty();
    }

    private static StreamsMetadata instance(HostInfo host) {
        return new StreamsMetadataImpl(host, Set.of(FacilityArchiveTopology.STORE),
                Set.of(new TopicPartition("canonical.facility", host.hashCode() & 3)), Set.of(), Set.of());
    }
}
