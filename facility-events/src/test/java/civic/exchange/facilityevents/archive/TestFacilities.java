package civic.exchange.facilityevents.archive;

import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.time.Instant;
import java.util.Map;

/** Canonical facilities as the standardizer publishes them, built with the generated builders. */
public final class TestFacilities {

    public static final String DEPARTMENT = "lighting";
    public static final String DATASET = "streetlights";

    private TestFacilities() {
    }

    public static String idOf(String localId) {
        return CanonicalIds.of(CanonicalEntity.FACILITY, DEPARTMENT, DATASET, localId);
    }

    /** A streetlight with every optional field set. */
    public static Facility streetlight(String localId, FacilityStatus status) {
        return facility(localId, FacilityType.STREETLIGHT, status);
    }

    public static Facility facility(String localId, FacilityType type, FacilityStatus status) {
        return Facility.newBuilder()
                .setId(idOf(localId))
                .setType(type)
                .setStatus(status)
                .setName("Lamp " + localId)
                .setDescription("Pole-mounted LED luminaire")
                .setLocation(GeoPoint.newBuilder().setLatitude(43.462).setLongitude(-3.80).build())
                .setAddress("Calle Cádiz 2, Santander")
                .setObservedAt(Instant.parse("2024-05-01T08:30:00Z"))
                .setSource(SourceReference.newBuilder()
                        .setDepartment(DEPARTMENT).setDataset(DATASET).setLocalId(localId).build())
                .setAttributes(Map.of("powerRatingW", "80", "lanternModel", "ASTRO"))
                .setProvenance(provenance(localId, 7L))
                .build();
    }

    /** Only the required fields: optional ones stay null, attributes stay empty. */
    public static Facility minimal(String localId, FacilityType type, FacilityStatus status) {
        return Facility.newBuilder()
                .setId(idOf(localId))
                .setType(type)
                .setStatus(status)
                .setSource(SourceReference.newBuilder()
                        .setDepartment(DEPARTMENT).setDataset(DATASET).setLocalId(localId).build())
                .setProvenance(Provenance.newBuilder(provenance(localId, 0L)).setRecordId(null).setCorrelationId(null).build())
                .build();
    }

    private static Provenance provenance(String localId, long offset) {
        return Provenance.newBuilder()
                .setDepartment(DEPARTMENT)
                .setDataset(DATASET)
                .setRawTopic(Topics.raw(DEPARTMENT, DATASET))
                .setRawPartition(0)
                .setRawOffset(offset)
                .setRecordId("rec-" + localId)
                .setCorrelationId("corr-" + localId)
                .setIngestedAt(Instant.parse("2024-05-01T08:31:02.500Z"))
                .setMappingSpec(DEPARTMENT + "/" + DATASET)
                .setMappingVersion(3)
                .build();
    }
}
