package civic.exchange.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.topics.CanonicalEntity;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalIdsTest {

    @Test
    void nameBasedUuidMatchesRfc4122Version5() {
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(CanonicalIds.nameUuid(dns, "www.example.com")).hasToString("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    @Test
    void sameInputSameIdDifferentOwnerDifferentId() {
        String id = CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", "4567");
        assertThat(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", "4567")).isEqualTo(id);
        assertThat(CanonicalIds.of(CanonicalEntity.FACILITY, "parks", "streetlights", "4567")).isNotEqualTo(id);
        assertThat(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "cabinets", "4567")).isNotEqualTo(id);
        assertThat(CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "lighting", "streetlights", "4567")).isNotEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
    }

    @Test
    void blankLocalIdIsRefused() {
        assertThatThrownBy(() -> CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
