package civic.exchange.facilityevents.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FacilityQueryTest {

    @Test
    void noParametersMeansEveryFacilityUpToTheDefaultLimit() {
        FacilityQuery query = FacilityQuery.parse(null, "  ", null);

        assertThat(query).isEqualTo(new FacilityQuery(null, null, FacilityQuery.DEFAULT_LIMIT));
        assertThat(query.matches(TestFacilities.streetlight("a", FacilityStatus.RETIRED))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"control_cabinet", "CONTROL_CABINET", "Control_Cabinet", " control_cabinet "})
    void typeIsACanonicalSymbolInAnyCase(String type) {
        assertThat(FacilityQuery.parse(type, null, null).type()).isEqualTo(FacilityType.CONTROL_CABINET);
    }

    @Test
    void statusIsACanonicalSymbolInAnyCase() {
        assertThat(FacilityQuery.parse(null, "out_of_service", null).status()).isEqualTo(FacilityStatus.OUT_OF_SERVICE);
    }

    @Test
    void filtersOnTypeAndStatusTogether() {
        FacilityQuery query = FacilityQuery.parse("streetlight", "defective", null);

        assertThat(query.matches(TestFacilities.facility("a", FacilityType.STREETLIGHT, FacilityStatus.DEFECTIVE))).isTrue();
        assertThat(query.matches(TestFacilities.facility("b", FacilityType.STREETLIGHT, FacilityStatus.IN_SERVICE))).isFalse();
        assertThat(query.matches(TestFacilities.facility("c", FacilityType.TREE, FacilityStatus.DEFECTIVE))).isFalse();
    }

    @Test
    void unknownTypeIsRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> FacilityQuery.parse("lamppost", null, null))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("type");
                    assertThat(e.getMessage()).startsWith("Unknown type 'lamppost': expected one of STREETLIGHT, CONTROL_CABINET");
                    assertThat(e.allowed()).containsExactly("STREETLIGHT", "CONTROL_CABINET", "TREE", "WASTE_CONTAINER",
                            "PARKING_SPOT", "OTHER");
                });
    }

    @Test
    void unknownStatusIsRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> FacilityQuery.parse(null, "broken", null))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("status");
                    assertThat(e.allowed()).contains("IN_SERVICE", "DEFECTIVE", "UNKNOWN").hasSize(FacilityStatus.values().length);
                });
    }

    @Test
    void limitWithinRangeIsKept() {
        assertThat(FacilityQuery.parse(null, null, "1").limit()).isEqualTo(1);
        assertThat(FacilityQuery.parse(null, null, "1000").limit()).isEqualTo(FacilityQuery.MAX_LIMIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1001", "99999999999", "ten", "1.5"})
    void limitOutOfRangeOrNotANumberIsRejected(String limit) {
        assertThatThrownBy(() -> FacilityQuery.parse(null, null, limit))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("limit");
                    assertThat(e.getMessage()).contains("between 1 and 1000");
                    assertThat(e.allowed()).isNull();
                });
    }
}
