package civic.exchange.serde;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import java.time.Instant;
import java.util.Map;

final class SampleFacilities {

    private SampleFacilities() {
    }

    static Facility streetlight() {
        return Facility.newBuilder()
                .setId("a3b1c2d4-0000-5000-8000-000000000001")
                .setType(FacilityType.STREETLIGHT)
                .setStatus(FacilityStatus.IN_SERVICE)
                .setName("Pole 2")
                .setLocation(new GeoPoint(40.62785133667262, -3.164485591715449))
                .setAddress("Roundabouts city entrance")
                .setObservedAt(Instant.parse("2021-01-11T10:21:02Z"))
                .setSource(new SourceReference("lighting", "streetlights", "streetlight:guadalajara:4567"))
                .setAttributes(Map.of("powerRatingW", "5"))
                .setProvenance(Provenance.newBuilder()
                        .setDepartment("lighting").setDataset("streetlights")
                        .setRawTopic("raw.lighting.streetlights").setRawPartition(0).setRawOffset(42L)
                        .setIngestedAt(Instant.parse("2026-11-25T10:00:00Z"))
                        .setMappingSpec("lighting/streetlights").setMappingVersion(1)
                        .build())
                .build();
    }
}
