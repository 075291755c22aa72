package civic.exchange.standardizer;

import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.Observation;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.schema.SourceReference;
import civic.exchange.topics.CanonicalEntity;
import java.time.Instant;
import java.util.Map;

/** Canonical records built by hand, for tests of what happens after mapping. */
public final class TestRecords {

    /** Where the FIWARE example streetlight (and the FIWARE example service request) stand. */
    public static final double LAT = 40.62785133667262;
    public static final double LON = -3.164485591715449;
    /** Degrees of latitude per metre, on the sphere {@link civic.exchange.geo.GeoDistance} uses. */
    public static final double LAT_PER_M = 360 / (2 * Math.PI * 6_371_008.8);

    private TestRecords() {
    }

    public static Facility facility(String department, String dataset, String localId, FacilityType type,
                                    double latitude, double longitude) {
        return Facility.newBuilder()
                .setId(CanonicalIds.of(CanonicalEntity.FACILITY, department, dataset, localId))
                .setType(type)
                .setStatus(FacilityStatus.IN_SERVICE)
                .setLocation(new GeoPoint(latitude, longitude))
                .setSource(new SourceReference(department, dataset, localId))
                .setProvenance(provenance(department, dataset))
                .build();
    }

    public static ServiceRequest request(String localId, Double latitude, Double longitude, String serviceName,
                                         Map<String, String> attributes) {
        return ServiceRequest.newBuilder()
                .setId(CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "hotline", "requests", localId))
                .setStatus(ServiceRequestStatus.OPEN)
                .setServiceName(serviceName)
                .setLocation(latitude == null ? null : new GeoPoint(latitude, longitude))
                .setAttributes(attributes)
                .setSource(new SourceReference("hotline", "requests", localId))
                .setProvenance(provenance("hotline", "requests"))
                .build();
    }

    public static Observation observation(String localId, double latitude, double longitude) {
        return Observation.newBuilder()
                .setId(CanonicalIds.of(CanonicalEntity.OBSERVATION, "sensors", "readings", localId))
                .setProperty("fillingLevel")
                .setValue(0.5)
                .setObservedAt(Instant.parse("2024-03-01T12:00:00Z"))
                .setLocation(new GeoPoint(latitude, longitude))
                .setSource(new SourceReference("sensors", "readings", localId))
                .setProvenance(provenance("sensors", "readings"))
                .build();
    }

    private static Provenance provenance(String department, String dataset) {
        return Provenance.newBuilder()
                .setDepartment(department)
                .setDataset(dataset)
                .setRawTopic("raw." + department + "." + dataset)
                .setRawPartition(0)
                .setRawOffset(0)
                .setIngestedAt(Instant.parse("2024-03-01T12:00:00Z"))
                .setMappingSpec(department + "/" + dataset)
                .setMappingVersion(1)
                .build();
    }
}
