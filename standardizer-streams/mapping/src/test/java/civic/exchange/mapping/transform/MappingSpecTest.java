package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.mapping.TestSpecs;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping engine on a plain-JSON spec that uses every feature. */
class MappingSpecTest {

    private static final MappingSpec SPEC = SpecLoader.load(new ByteArrayInputStream("""
            # parks/benches
            version: 3
            # facility records, as the catalog entry says
            # read as json
            localId:
              path: [assetId, legacyId]
              transforms: [trim, uppercase]
            fields:
              type: {const: OTHER}
              status:
                path: condition
                transforms: [trim, lowercase]
                codes:
                  good: IN_SERVICE
                  broken: DEFECTIVE
                  removed: RETIRED
                unknown: UNKNOWN
              name:
                path: label
                transforms: [trim]
                default: Unnamed bench
              description:
                path: notes
                required: true
              observedAt:
                path: surveyedAt
                transforms: [timestamp]
                default: "2020-01-01T00:00:00Z"
            attributes:
              lengthM: {path: length, transforms: [number]}
              material: material
              survey: survey
            """.getBytes(StandardCharsets.UTF_8)), "benches.yaml", TestSpecs.dataset("parks/benches", DatasetFormat.JSON, CanonicalEntity.FACILITY));

    private static final RecordOrigin ORIGIN = new RecordOrigin("parks", "benches", "raw.parks.benches", 2, 41L,
            "rec-9", "corr-9", Instant.parse("2024-06-01T10:00:00Z"));

    private final List<String> unknownCodes = new ArrayList<>();
    private final MappingListener listener = (spec, field, code) -> unknownCodes.add(spec + " " + field + " " + code);

    private Facility map(String json) {
        return (Facility) SPEC.map(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, ORIGIN, listener).record();
    }

    @Test
    void mapsAllFieldKinds() {
        Facility f = map("""
                {"assetId": " b-17 ", "condition": " Broken", "label": "Bench by the pond", "notes": "slats loose",
                 "surveyedAt": "2024-05-31T08:00:00-05:00", "length": "1.80", "material": "teak",
                 "survey": {"by": "crew 4", "score": 3}}
                """);
        assertThat(f.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "parks", "benches", "B-17"));
        assertThat(f.getSource().getLocalId()).isEqualTo("B-17");
        assertThat(f.getType()).isEqualTo(FacilityType.OTHER);
        assertThat(f.getStatus()).isEqualTo(FacilityStatus.DEFECTIVE);
        assertThat(f.getName()).isEqualTo("Bench by the pond");
        assertThat(f.getDescription()).isEqualTo("slats loose");
        assertThat(f.getObservedAt()).isEqualTo(Instant.parse("2024-05-31T13:00:00Z"));
        assertThat(f.getLocation()).isNull();
        assertThat(f.getAttributes()).containsEntry("lengthM", "1.80").containsEntry("material", "teak")
                .containsEntry("survey", "{\"by\":\"crew 4\",\"score\":3}");
        assertThat(f.getProvenance().getMappingSpec()).isEqualTo("parks/benches");
        assertThat(f.getProvenance().getMappingVersion()).isEqualTo(3);
        assertThat(f.getProvenance().getRawPartition()).isEqualTo(2);
        assertThat(f.getProvenance().getRawOffset()).isEqualTo(41L);
        assertThat(unknownCodes).isEmpty();
    }

    @Test
    void fallsBackToLaterPathsAndDefaults() {
        Facility f = map("{\"legacyId\": \"old-3\", \"condition\": \"good\", \"label\": \"   \", \"notes\": \"n\"}");
        assertThat(f.getSource().getLocalId()).isEqualTo("OLD-3");
        assertThat(f.getName()).as("blank after trim is absent, so the default applies").isEqualTo("Unnamed bench");
        assertThat(f.getObservedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(f.getAttributes()).as("absent attributes are left out").isEmpty();
    }

    @Test
    void anUnknownCodeMapsToTheFallbackSymbolAndIsCounted() {
        Facility f = map("{\"assetId\": \"b-1\", \"condition\": \"wobbly\", \"notes\": \"n\"}");
        assertThat(f.getStatus()).isEqualTo(FacilityStatus.UNKNOWN);
        assertThat(unknownCodes).containsExactly("parks/benches status wobbly");
    }

    @Test
    void badValuesAreRejectedNamingTheSourceField() {
        assertRejected("{\"condition\": \"good\", \"notes\": \"n\"}", ErrorCode.MISSING_REQUIRED_FIELD, "assetId");
        assertRejected("{\"assetId\": \"b\", \"notes\": \"n\"}", ErrorCode.MISSING_REQUIRED_FIELD, "condition");
        assertRejected("{\"assetId\": \"b\", \"condition\": \"good\"}", ErrorCode.MISSING_REQUIRED_FIELD, "notes");
        assertRejected("{\"assetId\": \"b\", \"condition\": \"good\", \"notes\": \"n\", \"surveyedAt\": \"2024-05-31T08:00:00\"}",
                ErrorCode.INVALID_DATE, "surveyedAt");
        assertRejected("{\"assetId\": \"b\", \"condition\": \"good\", \"notes\": \"n\", \"length\": \"long\"}",
                ErrorCode.INVALID_VALUE, "length");
        assertRejected("{\"assetId\": \"b\", \"condition\": \"good\", \"notes\": {\"text\": \"n\"}}",
                ErrorCode.INVALID_VALUE, "notes");
        assertRejected("{\"assetId\": [\"b\"], \"condition\": \"good\", \"notes\": \"n\"}",
                ErrorCode.INVALID_VALUE, "assetId");
    }

    @Test
    void aMissingRequiredFieldSaysWhetherTheRecordLacksTheValueOrTheNameItself() {
        assertThatThrownBy(() -> map("{\"assetId\": \"b\", \"condition\": \"good\", \"notes\": null}"))
                .hasMessage("notes: required, but the record has no value");
        assertThatThrownBy(() -> map("{\"assetId\": \"b\", \"condition\": \"good\", \"Notes\": \"n\"}"))
                .as("a name spelt in another case").hasMessage("notes: required, but the record has no 'notes' (it has 'Notes')");
        assertThatThrownBy(() -> map("{\"assetId\": \"b\", \"condition\": \"good\", \"remarks\": \"n\"}"))
                .hasMessage("notes: required, but the record has no 'notes'");
        assertThatThrownBy(() -> map("{\"condition\": \"good\", \"notes\": \"n\"}"))
                .as("the first of several paths is named").hasMessage("assetId: required, but the record has no 'assetId'");
    }

    private void assertRejected(String json, ErrorCode code, String field) {
        assertThatThrownBy(() -> map(json))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }

    @Test
    void aRecordTheAvroBuilderRefusesIsASchemaViolation() {
        // The compiler refuses specs that leave required fields unmapped; the builder is the last guard.
        EntityMapper<Facility, Facility.Builder> withoutStatus = new EntityMapper<>(
                new civic.exchange.mapping.entity.FacilityEntity(), List.of(), java.util.Map.of());
        assertThatThrownBy(() -> withoutStatus.map(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                "id-1", new civic.exchange.schema.SourceReference("parks", "benches", "b-1"),
                map("{\"assetId\": \"b\", \"condition\": \"good\", \"notes\": \"n\"}").getProvenance(), listener))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
                    assertThat(e.getMessage()).contains("Facility");
                });
    }

    @Test
    void geoJsonPointsAreCheckedForShapeAndRange() {
        Transform point = Transforms.factory("geojson-point").orElseThrow().create(null);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(point.apply(json.valueToTree(java.util.Map.of("type", "Point", "coordinates", List.of(-180, 90)))))
                .isEqualTo(new civic.exchange.schema.GeoPoint(90.0, -180.0));
        assertInvalid(point, json.valueToTree(java.util.Map.of("type", "Point", "coordinates", List.of(10, -91))), ErrorCode.OUT_OF_RANGE);
        assertInvalid(point, json.valueToTree(java.util.Map.of("type", "Point", "coordinates", List.of(181, 0))), ErrorCode.OUT_OF_RANGE);
        assertInvalid(point, json.valueToTree(java.util.Map.of("type", "LineString", "coordinates", List.of())), ErrorCode.INVALID_VALUE);
        assertInvalid(point, json.valueToTree(java.util.Map.of("type", "Point", "coordinates", List.of("a", "b"))), ErrorCode.INVALID_VALUE);
        assertInvalid(point, "40.6,-3.1", ErrorCode.INVALID_VALUE);
    }

    private static void assertInvalid(Transform transform, Object value, ErrorCode code) {
        assertThatThrownBy(() -> transform.apply(value))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
