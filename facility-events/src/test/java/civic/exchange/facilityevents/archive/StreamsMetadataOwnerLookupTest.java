package civic.exchange.facilityevents.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
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
}
