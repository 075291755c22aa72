package civic.exchange.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Rules every canonical schema keeps so that subscribers are never broken by a new version. */
class CanonicalSchemasTest {

    private static final List<Schema> CANONICAL = List.of(
            Facility.getClassSchema(), ServiceRequest.getClassSchema(), WorkOrderEvent.getClassSchema(), Observation.getClassSchema());

    @Test
    void everyEnumHasADefaultSymbolSoNewSymbolsStayForwardCompatible() {
        List<Schema> enums = new ArrayList<>();
        CANONICAL.forEach(s -> collect(s, enums, new HashSet<>(), Schema.Type.ENUM));
        assertThat(enums).extracting(Schema::getName)
                .contains("FacilityType", "FacilityStatus", "ServiceRequestStatus", "WorkOrderEventType", "WorkOrderPriority");
        assertThat(enums).allSatisfy(e -> assertThat(e.getEnumDefault()).as(e.getFullName()).isNotNull());
    }

    @Test
    void everyRecordAndFieldIsDocumented() {
        List<Schema> records = new ArrayList<>();
        CANONICAL.forEach(s -> collect(s, records, new HashSet<>(), Schema.Type.RECORD));
        assertThat(records).extracting(Schema::getName).contains("GeoPoint", "SourceReference", "Provenance");
        for (Schema record : records) {
            assertThat(record.getDoc()).as(record.getFullName()).isNotBlank();
            record.getFields().forEach(f -> assertThat(f.doc()).as(record.getName() + "." + f.name()).isNotBlank());
        }
    }

    @Test
    void optionalFieldsDefaultToNullAndEveryCanonicalRecordCarriesProvenance() {
        for (Schema schema : CANONICAL) {
            assertThat(schema.getField("provenance").schema()).isEqualTo(Provenance.getClassSchema());
            assertThat(schema.getField("source").schema()).isEqualTo(SourceReference.getClassSchema());
            for (Schema.Field field : schema.getFields()) {
                if (field.schema().isNullable()) {
                    assertThat(field.hasDefaultValue()).as(schema.getName() + "." + field.name()).isTrue();
                }
            }
        }
    }

    private static void collect(Schema schema, List<Schema> out, Set<String> seen, Schema.Type type) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                if (type == Schema.Type.RECORD) {
                    out.add(schema);
                }
                schema.getFields().forEach(f -> collect(f.schema(), out, seen, type));
            }
            case UNION -> schema.getTypes().forEach(t -> collect(t, out, seen, type));
            case MAP -> collect(schema.getValueType(), out, seen, type);
            case ARRAY -> collect(schema.getElementType(), out, seen, type);
            case ENUM -> {
                if (type == Schema.Type.ENUM && seen.add(schema.getFullName())) {
                    out.add(schema);
                }
            }
            default -> {
            }
        }
    }
}
