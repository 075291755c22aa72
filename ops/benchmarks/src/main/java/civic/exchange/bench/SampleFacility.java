package civic.exchange.bench;

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

/** A canonical facility as the streetlight mapping produces it (the FIWARE sample). */
final class SampleFacility {

    private SampleFacility() {
    }

    static Facility streetlight() {
        String localId = "streetlight:guadalajara:4567";
        return Facility.newBuilder()
                .setId(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", localId))
                .setType(FacilityType.STREETLIGHT)
                .setStatus(FacilityStatus.IN_SERVICE)
                .setName("2")
                .setLocation(new GeoPoint(40.62785133667262, -3.164485591715449))
                .setAddress("Roundabouts city entrance")
                .setObservedAt(Instant.parse("2021-01-11T10:21:02Z"))
                .setSource(new SourceReference("lighting", "streetlights", localId))
                .setAttributes(Map.of("circuit", "C-456-A467", "lanternHeightM", "10", "powerRatingW", "5",
                        "powerState", "off", "controllingMethod", "individual", "locationCategory", "centralIsland"))
                .setProvenance(Provenance.newBuilder()
                        .setDepartment("lighting").setDataset("streetlights")
                        .setRawTopic(Topics.raw("lighting", "streetlights")).setRawPartition(1).setRawOffset(123456L)
                        .setRecordId("0b5e0c1e-7c1a-4c8e-9a51-3c7e2d0f4b18")
                        .setCorrelationId("7d1f0c1e-7c1a-4c8e-9a51-3c7e2d0f4b18")
                        .setIngestedAt(Instant.parse("2026-11-25T10:00:00Z"))
                        .setMappingSpec("lighting/streetlights").setMappingVersion(1)
                        .build())
                .build();
    }
}
