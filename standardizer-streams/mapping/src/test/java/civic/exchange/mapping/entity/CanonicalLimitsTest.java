package civic.exchange.mapping.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalLimitsTest {

    @Test
    void valuesAtTheirMaximumPass() {
        Facility facility = facility("n".repeat(CanonicalLimits.TEXT), "d".repeat(CanonicalLimits.LONG_TEXT),
                Map.of("a".repeat(CanonicalLimits.ATTRIBUTE_NAME), "v".repeat(CanonicalLimits.ATTRIBUTE_VALUE)));
        CanonicalLimits.check(facility);
        assertThat(facility.getDescription()).hasSize(CanonicalLimits.LONG_TEXT);
    }

    @Test
    void aLongerValueIsRefusedWithItsField() {
        assertRefused(facility("n".repeat(CanonicalLimits.TEXT + 1), null, Map.of()), "name");
        assertRefused(facility("n", "d".repeat(CanonicalLimits.LONG_TEXT + 1), Map.of()), "description");
        assertRefused(facility("n", null, Map.of("botanicalName", "x".repeat(600_000))), "attributes.botanicalName");
        assertRefused(facility("n", null, Map.of("a".repeat(CanonicalLimits.ATTRIBUTE_NAME + 1), "v")), "attributes");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= CanonicalLimits.MAX_ATTRIBUTES; i++) {
            many.put("k" + i, "v");
        }
        assertRefused(facility("n", null, many), "attributes");
    }

    @Test
    void nestedRecordsAreCheckedToo() {
        Facility facility = facility("n", null, Map.of());
        facility.getProvenance().setRecordId("r".repeat(CanonicalLimits.TEXT + 1));
        assertRefused(facility, "provenance.recordId");
    }

    private static void assertRefused(Facility facility, String field) {
        assertThatThrownBy(() -> CanonicalLimits.check(facility))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALUE_TOO_LONG);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage().length()).isLessThan(300);
                });
    }

    private static Facility facility(String name, String description, Map<String, String> attributes) {
        return Facility.newBuilder()
                .setId("facility-1")
                .setType(FacilityType.TREE)
                .setStatus(FacilityStatus.IN_SERVICE)
                .setName(name)
                .setDescription(description)
                .setAttributes(new HashMap<>(attributes))
                .setSource(new SourceReference("parks", "trees", "t-1"))
                .setProvenance(Provenance.newBuilder().setDepartment("parks").setDataset("trees").setRawTopic("raw.parks.trees")
                        .setRawPartition(0).setRawOffset(1L).setIngestedAt(Instant.EPOCH).setMappingSpec("parks/trees")
                        .setMappingVersion(1).build())
                .build();
    }
}
