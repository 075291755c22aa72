package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a subscribing department sees of a facility: the canonical record as plain JSON. Kept apart
 * from the generated Avro class so the HTTP contract does not change when the schema evolves
 * (new optional fields are added here on purpose) and so timestamps are ISO-8601 text, not epoch
 * millis. Absent optional values are null, so every response has the same shape.
 */
public record FacilityView(
        String id,
        String type,
        String status,
        String name,
        String description,
        Location location,
        String address,
        String commissionedAt,
        String observedAt,
        Source source,
        Map<String, String> attributes,
        ProvenanceView provenance) {

    public record Location(double latitude, double longitude) {
    }

    public record Source(String department, String dataset, String localId) {
    }

    public record ProvenanceView(
            String department,
            String dataset,
            String rawTopic,
            int rawPartition,
            long rawOffset,
            String recordId,
            String correlationId,
            String ingestedAt,
            String mappingSpec,
            int mappingVersion) {
    }

    public static FacilityView of(Facility facility) {
        return new FacilityView(
                facility.getId(),
                facility.getType().name(),
                facility.getStatus().name(),
                facility.getName(),
                facility.getDescription(),
                location(facility.getLocation()),
                facility.getAddress(),
                iso(facility.getCommissionedAt()),
                iso(facility.getObservedAt()),
                source(facility.getSource()),
                attributes(facility.getAttributes()),
                provenance(facility.getProvenance()));
    }

    private static Location location(GeoPoint point) {
        return point == null ? null : new Location(point.getLatitude(), point.getLongitude());
    }

    private static Source source(SourceReference source) {
        return source == null ? null : new Source(source.getDepartment(), source.getDataset(), source.getLocalId());
    }

    private static ProvenanceView provenance(Provenance p) {
        if (p == null) {
            return null;
        }
        return new ProvenanceView(p.getDepartment(), p.getDataset(), p.getRawTopic(), p.getRawPartition(),
                p.getRawOffset(), p.getRecordId(), p.getCorrelationId(), iso(p.getIngestedAt()), p.getMappingSpec(),
                p.getMappingVersion());
    }

    /** Sorted, so responses are stable and easy to diff. */
    private static Map<String, String> attributes(Map<String, String> attributes) {
        return attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** ISO-8601 in UTC, e.g. {@code 2024-05-01T08:30:00Z}. */
    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
