package civic.exchange.mapping.api;

import civic.exchange.schema.FacilityType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the records of one dataset are linked to the facility they concern, from the {@code link:}
 * section of its mapping spec. Only records without a facility id of their own are linked: by the
 * department's local id of the facility, if the record names one ({@link Reference}), else by
 * proximity to the nearest facility of a compatible type within the radius.
 *
 * @param facilityTypes types a record may be linked to by proximity; empty: only through {@code byService}
 * @param radiusMeters  how far the nearest facility may be; farther means not linked (0 without proximity linking)
 * @param byService     service code or name → the types for requests of that service, replacing
 *                      {@code facilityTypes} (a graffiti report is not about the nearest streetlight)
 * @param reference     the attribute in which the record names its facility by a local id, if any
 */
public record LinkRule(Set<FacilityType> facilityTypes, double radiusMeters, Map<String, Set<FacilityType>> byService,
                       Optional<Reference> reference) {

    /** Proximity searches look at most this far: it bounds the grid cells one lookup scans. */
    public static final double MAX_RADIUS_METERS = 1000;

    public LinkRule {
        facilityTypes = facilityTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(facilityTypes));
        Map<String, Set<FacilityType>> services = new LinkedHashMap<>();
        byService.forEach((service, types) -> services.put(service, Set.copyOf(types)));
        byService = Map.copyOf(services);
        boolean proximity = !facilityTypes.isEmpty() || !byService.isEmpty(); // byProximity(), before the record exists
        if (proximity ? !(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS) : radiusMeters != 0) {
            throw new IllegalArgumentException(proximity
                    ? "radiusMeters must be more than 0 and at most " + MAX_RADIUS_METERS + ", not " + radiusMeters
                    : "radiusMeters applies to linking by proximity: give facilityTypes or byService");
        }
    }

    /**
     * @param attribute the canonical attribute holding the local id (mapped like any attribute)
     * @param datasets  facility datasets ({@code department/dataset}) the local id is looked up in, in order
     */
    public record Reference(String attribute, List<String> datasets) {
        public Reference {
            datasets = List.copyOf(datasets);
        }
    }

    /** Whether records are linked to the nearest facility of a type (needs the spatial index). */
    public boolean byProximity() {
        return !facilityTypes.isEmpty() || !byService.isEmpty();
    }

    /**
     * The facility types a record may be linked to by proximity: those of its service code, else
     * of its service name, else the dataset's {@code facilityTypes}.
     */
    public Set<FacilityType> typesFor(String serviceCode, String serviceName) {
        if (serviceCode != null && byService.containsKey(serviceCode)) {
            return byService.get(serviceCode);
        }
        if (serviceName != null && byService.containsKey(serviceName)) {
            return byService.get(serviceName);
        }
        return facilityTypes;
    }
}
