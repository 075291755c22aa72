package civic.exchange.mapping.spec;

import civic.exchange.mapping.api.LinkRule;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.schema.FacilityType;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The optional {@code link:} section of a spec: how the dataset's records are linked to facilities.
 * Checked like the rest of the spec, at load, with file, line and field:
 *
 * <pre>
 * link:
 *   radiusMeters: 50                       # nearest facility within 50 m ...
 *   facilityTypes: [STREETLIGHT]           # ... of these types
 *   byService:                             # optional: per service code or name, instead of facilityTypes
 *     Single Streetlight Issue: [STREETLIGHT]
 *     Dead Tree: [TREE]
 *   reference:                             # optional: the record names its facility by a local id
 *     attribute: streetlightNumber         # an attribute this spec maps
 *     datasets: [lighting/streetlights]    # looked up in xref.facility under department/dataset/localId
 * </pre>
 */
public final class LinkSection {

    public static final String KEY = "link";
    /** The entities that carry a facility id to link; facilities are what they link to. */
    private static final Set<CanonicalEntity> LINKABLE = EnumSet.of(CanonicalEntity.SERVICE_REQUEST, CanonicalEntity.OBSERVATION);
    private static final Set<String> KEYS = Set.of("radiusMeters", "facilityTypes", "byService", "reference");
    private static final Set<String> REFERENCE_KEYS = Set.of("attribute", "datasets");

    private LinkSection() {
    }

    /** The spec's link rule; empty when the spec has no {@code link:} section. */
    public static Optional<LinkRule> parse(SpecNode.Mapping root, CanonicalEntity entity) {
        SpecNode node = root.get(KEY);
        if (SpecNode.isAbsent(node)) {
            return Optional.empty();
        }
        SpecNode.Mapping link = mapping(node, KEY);
        if (!LINKABLE.contains(entity)) {
            throw new SpecException(root.keyLocation(KEY), KEY, "links apply to " + LINKABLE.stream().map(CanonicalEntity::id).sorted().toList()
                    + " records, not to " + entity + " (facilities are what records link to)");
        }
        for (String key : link.entries().keySet()) {
            if (!KEYS.contains(key)) {
                throw new SpecException(link.keyLocation(key), KEY + "." + key,
                        "unknown key '" + key + "' (allowed here: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        Set<FacilityType> types = link.get("facilityTypes") == null ? Set.of()
                : types(link.get("facilityTypes"), KEY + ".facilityTypes");
        Map<String, Set<FacilityType>> byService = new LinkedHashMap<>();
        if (link.get("byService") != null) {
            SpecNode.Mapping services = mapping(link.get("byService"), KEY + ".byService");
            if (services.entries().isEmpty()) {
                throw new SpecException(services.location(), KEY + ".byService", "lists no service: remove it or add one");
            }
            services.entries().forEach((service, list) ->
                    byService.put(service, types(list, KEY + ".byService." + service)));
        }
        Optional<LinkRule.Reference> reference = Optional.empty();
        if (link.get("reference") != null) {
            if (entity != CanonicalEntity.SERVICE_REQUEST) {
                throw new SpecException(link.keyLocation("reference"), KEY + ".reference",
                        "only service requests carry attributes that can name a facility");
            }
            reference = Optional.of(reference(mapping(link.get("reference"), KEY + ".reference"), root));
        }
        boolean proximity = !types.isEmpty() || !byService.isEmpty();
        if (!proximity && reference.isEmpty()) {
            throw new SpecException(link.location(), KEY, "links nothing: give facilityTypes (or byService) with "
                    + "radiusMeters, or a reference");
        }
        double radius = 0;
        SpecNode radiusNode = link.get("radiusMeters");
        if (proximity) {
            if (radiusNode == null) {
                throw new SpecException(link.location(), KEY + ".radiusMeters",
                        "is required to link by proximity: how far, in metres, the nearest facility may be");
            }
            radius = radius(radiusNode);
        } else if (radiusNode != null) {
            throw new SpecException(link.keyLocation("radiusMeters"), KEY + ".radiusMeters",
                    "applies to linking by proximity: add facilityTypes or byService, or remove it");
        }
        return Optional.of(new LinkRule(types, radius, byService, reference));
    }

    private static double radius(SpecNode node) {
        String text = text(node, KEY + ".radiusMeters");
        try {
            double radius = Double.parseDouble(text);
            if (radius > 0 && radius <= LinkRule.MAX_RADIUS_METERS) {
                return radius;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SpecException(node.location(), KEY + ".radiusMeters", "expected a distance in metres, more than 0 and at most "
                + (int) LinkRule.MAX_RADIUS_METERS + ", not '" + text + "'");
    }

    private static LinkRule.Reference reference(SpecNode.Mapping reference, SpecNode.Mapping root) {
        String field = KEY + ".reference";
        for (String key : reference.entries().keySet()) {
            if (!REFERENCE_KEYS.contains(key)) {
                throw new SpecException(reference.keyLocation(key), field + "." + key,
                        "unknown key '" + key + "' (allowed here: " + String.join(", ", new TreeSet<>(REFERENCE_KEYS)) + ")");
            }
        }
        SpecNode attributeNode = required(reference, "attribute", field);
        String attribute = text(attributeNode, field + ".attribute");
        if (!(root.get("attributes") instanceof SpecNode.Mapping attributes) || attributes.get(attribute) == null) {
            throw new SpecException(attributeNode.location(), field + ".attribute", "'" + attribute
                    + "' is not an attribute of this spec: map the facility's local id under 'attributes' first");
        }
        SpecNode datasetsNode = required(reference, "datasets", field);
        List<SpecNode> items = datasetsNode instanceof SpecNode.Sequence seq ? seq.items() : List.of(datasetsNode);
        if (items.isEmpty()) {
            throw new SpecException(datasetsNode.location(), field + ".datasets", "needs at least one facility dataset");
        }
        List<String> datasets = new ArrayList<>();
        for (SpecNode item : items) {
            String dataset = text(item, field + ".datasets");
            String[] parts = dataset.split("/", -1);
            if (parts.length != 2 || !Topics.isValidId(parts[0]) || !Topics.isValidId(parts[1])) {
                throw new SpecException(item.location(), field + ".datasets",
                        "a dataset is '<department>/<dataset>' in catalog ids, not '" + dataset + "'");
            }
            datasets.add(dataset);
        }
        return new LinkRule.Reference(attribute, datasets);
    }

    private static Set<FacilityType> types(SpecNode node, String field) {
        List<SpecNode> items = node instanceof SpecNode.Sequence seq ? seq.items() : List.of(node);
        Set<FacilityType> types = EnumSet.noneOf(FacilityType.class);
        for (SpecNode item : items) {
            String symbol = text(item, field);
            try {
                types.add(FacilityType.valueOf(symbol));
            } catch (IllegalArgumentException e) {
                throw new SpecException(item.location(), field, "'" + symbol + "' is not a facility type (types: "
                        + String.join(", ", java.util.Arrays.stream(FacilityType.values()).map(Enum::name).toList()) + ")");
            }
        }
        if (types.isEmpty()) {
            throw new SpecException(node.location(), field, "needs at least one facility type");
        }
        return types;
    }

    private static SpecNode required(SpecNode.Mapping mapping, String key, String parent) {
        SpecNode node = mapping.get(key);
        if (node == null || node instanceof SpecNode.Scalar s && s.isNull()) {
            throw new SpecException(mapping.location(), parent + "." + key, "is required");
        }
        return node;
    }

    private static String text(SpecNode node, String field) {
        if (node instanceof SpecNode.Scalar s && !s.isNull()) {
            return s.value();
        }
        throw new SpecException(node.location(), field, "expected a single value, not " + node.describe());
    }

    private static SpecNode.Mapping mapping(SpecNode node, String field) {
        if (node instanceof SpecNode.Mapping m) {
            return m;
        }
        throw new SpecException(node.location(), field, "expected a mapping (key: value lines), not " + node.describe());
    }
}
