package civic.exchange.facilityevents.archive;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import org.junit.jupiter.api.Test;

class FacilityViewTest {

    @Test
    void mapsEveryFieldOfTheCanonicalRecord() {
        Facility facility = TestFacilities.streetlight("SL-1", FacilityStatus.DEFECTIVE);

        FacilityView view = FacilityView.of(facility);

        assertThat(view.id()).isEqualTo(TestFacilities.idOf("SL-1"));
        assertThat(view.type()).isEqualTo("STREETLIGHT");
        assertThat(view.status()).isEqualTo("DEFECTIVE");
        assertThat(view.name()).isEqualTo("Lamp SL-1");
        assertThat(view.description()).isEqualTo("Pole-mounted LED luminaire");
        assertThat(view.location()).isEqualTo(new FacilityView.Location(43.462, -3.80));
        assertThat(view.address()).isEqualTo("Calle Cádiz 2, Santander");
        assertThat(view.observedAt()).isEqualTo("2024-05-01T08:30:00Z");
        assertThat(view.source()).isEqualTo(new FacilityView.Source("lighting", "streetlights", "SL-1"));
        assertThat(view.attributes()).containsExactly(
                org.assertj.core.data.MapEntry.entry("lanternModel", "ASTRO"),
                org.assertj.core.data.MapEntry.entry("powerRatingW", "80"));
        assertThat(view.provenance()).isEqualTo(new FacilityView.ProvenanceView("lighting", "streetlights",
                "raw.lighting.streetlights", 0, 7L, "rec-SL-1", "corr-SL-1", "2024-05-01T08:31:02.500Z",
                "lighting/streetlights", 3));
    }

    @Test
    void absentOptionalFieldsStayNull() {
        FacilityView view = FacilityView.of(TestFacilities.minimal("T-9", FacilityType.TREE, FacilityStatus.UNKNOWN));

        assertThat(view.type()).isEqualTo("TREE");
        assertThat(view.status()).isEqualTo("UNKNOWN");
        assertThat(view.name()).isNull();
        assertThat(view.description()).isNull();
        assertThat(view.location()).isNull();
        assertThat(view.address()).isNull();
        assertThat(view.observedAt()).isNull();
        assertThat(view.attributes()).isEmpty();
        assertThat(view.provenance().recordId()).isNull();
        assertThat(view.provenance().correlationId()).isNull();
        assertThat(view.provenance().ingestedAt()).isEqualTo("2024-05-01T08:31:02.500Z");
    }
}
