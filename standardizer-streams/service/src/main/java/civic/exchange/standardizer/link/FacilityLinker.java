package civic.exchange.standardizer.link;

import civic.exchange.mapping.api.LinkRule;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.Observation;
import civic.exchange.schema.ServiceRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Links a canonical service request or observation to the facility it is about, in place: sets
 * {@code facilityId} and, when linked by proximity, {@code facilityDistanceMeters}. A record that
 * cannot be linked for sure is left without a facility: unlinked is better than wrong.
 *
 * <p>Order: a facility id the record already has wins; then a local id the record names
 * ({@link LinkRule.Reference}), resolved through the cross-reference (an unknown one is not
 * replaced by a guess); then the nearest facility of a compatible type within the radius.
 */
public final class FacilityLinker {

    private final SpatialIndex index;
    private final FacilityXref xref;

    /**
     * @param index the spatial index; may be null for rules that do not link by proximity
     * @param xref  the cross-reference; may be null for rules without a {@link LinkRule.Reference}
     */
    public FacilityLinker(SpatialIndex index, FacilityXref xref) {
        this.index = index;
        this.xref = xref;
    }

    public LinkOutcome link(SpecificRecord record, LinkRule rule) {
        if (record instanceof ServiceRequest request) {
            return linkRequest(request, rule);
        }
        if (record instanceof Observation observation) {
            return linkObservation(observation, rule);
        }
        return LinkOutcome.NOT_LINKED;
    }

    private LinkOutcome linkRequest(ServiceRequest request, LinkRule rule) {
        if (request.getFacilityId() != null) {
            return LinkOutcome.GIVEN;
        }
        if (rule.reference().isPresent()) {
            LinkRule.Reference reference = rule.reference().get();
            Map<String, String> attributes = request.getAttributes();
            String localId = attributes == null ? null : attributes.get(reference.attribute());
            if (localId != null && !localId.isBlank()) {
                for (String dataset : reference.datasets()) {
                    Optional<String> facilityId = xref.facilityId(dataset, localId);
                    if (facilityId.isPresent()) {
                        request.setFacilityId(facilityId.get());
                        request.setFacilityDistanceMeters(null);
                        return LinkOutcome.REFERENCE;
                    }
                }
                return LinkOutcome.UNRESOLVED_REFERENCE;
            }
        }
        Set<FacilityType> types = rule.typesFor(request.getServiceCode(), request.getServiceName());
        return nearest(request.getLocation(), rule.radiusMeters(), types, found -> {
            request.setFacilityId(found.facilityId());
            request.setFacilityDistanceMeters(rounded(found.distanceMeters()));
        });
    }

    private LinkOutcome linkObservation(Observation observation, LinkRule rule) {
        if (observation.getFacilityId() != null) {
            return LinkOutcome.GIVEN;
        }
        return nearest(observation.getLocation(), rule.radiusMeters(), rule.facilityTypes(), found -> {
            observation.setFacilityId(found.facilityId());
            observation.setFacilityDistanceMeters(rounded(found.distanceMeters()));
        });
    }

    private LinkOutcome nearest(GeoPoint location, double radius, Set<FacilityType> types,
                                Consumer<SpatialIndex.Nearest> link) {
        if (types.isEmpty()) {
            return LinkOutcome.NO_COMPATIBLE_TYPE;
        }
        if (location == null) {
            return LinkOutcome.NO_LOCATION;
        }
        Optional<SpatialIndex.Nearest> found = index.nearest(location.getLatitude(), location.getLongitude(), radius, types);
        if (found.isEmpty()) {
            return LinkOutcome.NONE_IN_RADIUS;
        }
        link.accept(found.get());
        return LinkOutcome.NEAREST;
    }

    /** Centimetres are more than positions from a phone or a register can tell apart. */
    private static double rounded(double meters) {
        return Math.round(meters * 100) / 100.0;
    }
}
