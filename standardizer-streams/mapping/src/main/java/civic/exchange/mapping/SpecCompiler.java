package civic.exchange.mapping;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.MemberPath;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.mapping.api.SpecLocation;
import civic.exchange.mapping.entity.CanonicalField;
import civic.exchange.mapping.entity.EntityMapping;
import civic.exchange.mapping.entity.EntityMappings;
import civic.exchange.mapping.read.RecordReader;
import civic.exchange.mapping.read.RecordReaders;
import civic.exchange.mapping.spec.LinkSection;
import civic.exchange.mapping.spec.SpecNode;
import civic.exchange.mapping.transform.ConcatSource;
import civic.exchange.mapping.transform.Converter;
import civic.exchange.mapping.transform.EntityMapper;
import civic.exchange.mapping.transform.FieldBinding;
import civic.exchange.mapping.transform.InvalidValueException;
import civic.exchange.mapping.transform.PathSource;
import civic.exchange.mapping.transform.PointSource;
import civic.exchange.mapping.transform.SourcePath;
import civic.exchange.mapping.transform.SpecCrs;
import civic.exchange.mapping.transform.Transform;
import civic.exchange.mapping.transform.TransformContext;
import civic.exchange.mapping.transform.Transforms;
import civic.exchange.mapping.transform.ValueKind;
import civic.exchange.mapping.transform.ValuePipeline;
import civic.exchange.mapping.transform.ValueSource;
import civic.exchange.topics.CanonicalEntity;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Checks a spec tree and compiles it into a {@link MappingSpec}. Every mistake is refused here,
 * with file, line and spec field: unknown keys, canonical fields, transforms, formats and enum
 * symbols; missing paths; transforms in an order whose value kinds do not fit; canonical fields
 * the schema requires but the spec leaves unmapped.
 */
public final class SpecCompiler {

    private static final Set<String> TOP_KEYS = Set.of("version", "description", "input", "localId",
            "fields", "attributes", LinkSection.KEY);
    /** What a dataset is belongs to its catalog entry, declared once for ingest and the standardizer alike. */
    private static final Set<String> CATALOG_KEYS = Set.of("spec", "entity");
    private static final Set<String> CATALOG_INPUT_KEYS = Set.of("format", "encoding", "delimiter", "quote", "escape",
            "header", "columns");
    private static final Set<String> INPUT_KEYS = Set.of("zone");
    /** Where a value comes from: one of these per entry (or a 'const'). */
    private static final List<String> SOURCE_KEYS = List.of("path", "concat", "point");
    private static final Set<String> LOCAL_ID_KEYS = Set.of("path", "concat", "separator", "transforms");
    private static final Set<String> FIELD_KEYS = Set.of("path", "concat", "separator", "point", "const", "default",
            "required", "transforms", "codes", "unknown", "invalid");
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("path", "concat", "separator", "point", "default",
            "transforms", "invalid");
    private static final Set<String> POINT_KEYS = Set.of("lat", "lon", "x", "y", "crs", "decimal");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String REJECT = "reject";

    /** What a pipeline must produce. */
    private enum Target {
        TEXT(EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER, ValueKind.INSTANT), null),
        ATTRIBUTE(EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER, ValueKind.INSTANT), null),
        ENUM(EnumSet.of(ValueKind.ANY, ValueKind.TEXT), null),
        TIMESTAMP(EnumSet.of(ValueKind.INSTANT), "timestamp"),
        // a GeoJSON object, or a point written as text ("48.85, 2.35", "POINT (2.35 48.85)")
        POINT(EnumSet.of(ValueKind.POINT), "geojson-point', 'latlon-point' or 'wkt-point"),
        NUMBER(EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER), "number");

        final Set<ValueKind> accepts;
        final String hint;

        Target(Set<ValueKind> accepts, String hint) {
            this.accepts = accepts;
            this.hint = hint;
        }

        /** The transform(s) that would turn {@code kind} into what this target takes. */
        String hint(ValueKind kind) {
            // text (after trim, regex...) can only be a point written as text
            return this == POINT && kind == ValueKind.TEXT ? "latlon-point' or 'wkt-point" : hint;
        }

        static Target of(CanonicalField.CanonicalType type) {
            return switch (type) {
                case TEXT -> TEXT;
                case ENUM -> ENUM;
                case TIMESTAMP -> TIMESTAMP;
                case POINT -> POINT;
                case NUMBER -> NUMBER;
            };
        }
    }

    private final String source;
    private String specId;
    private TransformContext context = TransformContext.NONE;

    private SpecCompiler(String source) {
        this.source = source;
    }

    /**
     * Compiles a spec for one dataset: the catalog entry says what the dataset is (format, encoding,
     * CSV layout, canonical entity), the spec how its fields map.
     *
     * @param root    the spec as read
     * @param source  file name for messages
     * @param dataset the catalog's dataset the spec maps; the spec's id is the dataset's {@code mapping}
     */
    public static MappingSpec compile(SpecNode root, String source, Dataset dataset) {
        return new SpecCompiler(source).compile(root, dataset);
    }

    private MappingSpec compile(SpecNode rootNode, Dataset dataset) {
        SpecNode.Mapping root = mapping(rootNode, null);
        specId = dataset.mapping();
        for (String key : root.entries().keySet()) {
            if (CATALOG_KEYS.contains(key)) {
                throw new SpecException(root.keyLocation(key), key, key.equals("spec")
                        ? "a spec's id is its place, mappings/<department>/<dataset>.yaml: drop 'spec:'"
                        : "the catalog entry of " + dataset.qualifiedId() + " says which canonical entity it is ("
                        + dataset.entity() + "): drop 'entity:'");
            }
        }
        checkKeys(root, TOP_KEYS, "");
        int version = version(root);
        EntityMapping<?, ?> entity = EntityMappings.find(dataset.entity()).orElseThrow(() -> new SpecException(
                new SpecLocation(source, 1, 1), null, "dataset " + dataset.qualifiedId() + " is catalogued as '"
                        + dataset.entity() + "', which no spec maps onto (specs produce "
                        + new TreeSet<>(EntityMappings.entities().stream().map(CanonicalEntity::id).toList()) + ")"));
        ZoneId zone = null;
        if (!SpecNode.isAbsent(root.get("input"))) {
            SpecNode.Mapping input = mapping(root.get("input"), "input");
            for (String key : input.entries().keySet()) {
                if (CATALOG_INPUT_KEYS.contains(key)) {
                    throw new SpecException(input.keyLocation(key), "input." + key, "a dataset's format, encoding and CSV"
                            + " layout are declared once, in its catalog entry (" + dataset.qualifiedId() + "): move '"
                            + key + "' there");
                }
            }
            checkKeys(input, INPUT_KEYS, "input.");
            zone = zone(input);
        }
        RecordReader reader = RecordReaders.forFormat(dataset.format(), dataset.csv());
        context = new TransformContext(zone);
        ValuePipeline localId = localId(root, dataset);
        EntityMapper<?, ?> mapper = mapper(entity, root);
        return new MappingSpec(dataset, version, source, reader, zone, localId, mapper,
                LinkSection.parse(root, entity.entity()));
    }

    private int version(SpecNode.Mapping root) {
        String text = requiredText(root, "version", null);
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(root.get("version"), "version", "the version must be a whole number from 1 up, not '" + text + "'");
    }

    private ZoneId zone(SpecNode.Mapping input) {
        SpecNode node = input.get("zone");
        if (node == null) {
            return null;
        }
        String name = scalarText(node, "input.zone");
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw error(node, "input.zone", "unknown zone '" + name + "' (a region like America/Los_Angeles, or UTC)");
        }
    }

    /**
     * Each record's own id. The catalog entry's {@code key} names where it is (trimmed); the spec's
     * {@code localId} may only add transforms to it ({@code localId: {transforms: [...]}}), or, for
     * a dataset without a key, build it ({@code path}, {@code concat}). Declared in both places, it
     * is refused: one definition.
     */
    private ValuePipeline localId(SpecNode.Mapping root, Dataset dataset) {
        SpecNode node = root.get("localId");
        boolean hasKey = !dataset.key().isEmpty();
        if (node instanceof SpecNode.Mapping m) {
            checkKeys(m, LOCAL_ID_KEYS, "localId.");
        }
        boolean builds = node != null && !(node instanceof SpecNode.Mapping m && m.get("path") == null && m.get("concat") == null);
        if (builds && hasKey) {
            throw new SpecException(root.keyLocation("localId"), "localId", "the catalog entry of " + dataset.qualifiedId()
                    + " names each record's id (key: " + dataset.key().stream().map(MemberPath::text).toList() + "): drop the path here, or the key there;"
                    + " 'localId: {transforms: [...]}' may refine the key");
        }
        if (builds) {
            return pipeline(node, "localId", Target.TEXT, null, true);
        }
        SpecLocation at = node != null ? node.location() : new SpecLocation(source, 1, 1);
        if (!hasKey) {
            throw new SpecException(at, "localId", "nothing names each record's id: give the catalog entry of "
                    + dataset.qualifiedId() + " a 'key' (the column or member), or build it here with 'localId: {path: ...}'");
        }
        if (node instanceof SpecNode.Mapping m && m.get("separator") != null) {
            throw new SpecException(m.keyLocation("separator"), "localId.separator", "'separator' joins a 'concat';"
                    + " a localId that refines the catalog's key takes only 'transforms'");
        }
        List<SpecNode> paths = dataset.key().stream().<SpecNode>map(p -> new SpecNode.Scalar(p.text(), false, at)).toList();
        SpecNode transforms = node instanceof SpecNode.Mapping m && m.get("transforms") != null ? m.get("transforms")
                : new SpecNode.Sequence(List.of(new SpecNode.Scalar("trim", false, at)), at);
        Map<String, SpecNode> entries = new LinkedHashMap<>();
        entries.put("path", new SpecNode.Sequence(paths, at));
        entries.put("transforms", transforms);
        return pipeline(new SpecNode.Mapping(entries, Map.of(), at), "localId", Target.TEXT, null, true);
    }

    private <R extends SpecificRecord, B> EntityMapper<R, B> mapper(EntityMapping<R, B> entity, SpecNode.Mapping root) {
        SpecNode.Mapping fields = mapping(required(root, "fields", null), "fields");
        List<FieldBinding<B>> bindings = new ArrayList<>();
        for (Map.Entry<String, SpecNode> entry : fields.entries().entrySet()) {
            String name = entry.getKey();
            String field = "fields." + name;
            CanonicalField<B> target = entity.fields().get(name);
            if (target == null) {
                throw new SpecException(fields.keyLocation(name), field, "'" + name + "' is not a field of canonical "
                        + entity.entity() + " that a spec maps (known: " + String.join(", ", entity.fields().keySet())
                        + "; id, source and provenance are set by the standardizer, attributes under 'attributes')");
            }
            if (entry.getValue() instanceof SpecNode.Mapping m) {
                checkKeys(m, FIELD_KEYS, field + ".");
            }
            Target kind = Target.of(target.type());
            bindings.add(new FieldBinding<>(target, pipeline(entry.getValue(), field, kind, target, !target.nullable())));
        }
        for (CanonicalField<B> target : entity.fields().values()) {
            if (!target.nullable() && !fields.entries().containsKey(target.name())) {
                throw new SpecException(fields.location(), "fields." + target.name(), "canonical " + entity.entity()
                        + " requires '" + target.name() + "': map it with a path, a const or a default");
            }
        }
        Map<String, ValuePipeline> attributes = new LinkedHashMap<>();
        SpecNode attributesNode = root.get("attributes");
        if (!SpecNode.isAbsent(attributesNode)) {
            if (!entity.hasAttributes()) {
                throw new SpecException(root.keyLocation("attributes"), "attributes", "canonical " + entity.entity()
                        + " has no attributes: map values to its fields");
            }
            SpecNode.Mapping map = mapping(attributesNode, "attributes");
            for (Map.Entry<String, SpecNode> entry : map.entries().entrySet()) {
                String field = "attributes." + entry.getKey();
                if (!ATTRIBUTE_NAME.matcher(entry.getKey()).matches()) {
                    throw new SpecException(map.keyLocation(entry.getKey()), field,
                            "attribute names are letters, digits and '_', starting with a letter (units in the name: powerRatingW)");
                }
                if (entry.getValue() instanceof SpecNode.Mapping m) {
                    checkKeys(m, ATTRIBUTE_KEYS, field + ".");
                }
                attributes.put(entry.getKey(), pipeline(entry.getValue(), field, Target.ATTRIBUTE, null, false));
            }
        }
        return new EntityMapper<>(entity, bindings, attributes);
    }

    /**
     * Compiles one entry. Shorthands: a text is a path, a list of texts is a list of paths to try
     * in order.
     */
    private ValuePipeline pipeline(SpecNode node, String field, Target target, CanonicalField<?> canonical,
                                   boolean required) {
        SpecNode.Mapping entry;
        if (node instanceof SpecNode.Mapping m) {
            entry = m;
        } else if (node instanceof SpecNode.Scalar || node instanceof SpecNode.Sequence) {
            entry = new SpecNode.Mapping(Map.of("path", node), Map.of("path", node.location()), node.location());
        } else {
            throw error(node, field, "expected a path or a mapping");
        }
        Map<String, Enum<?>> symbols = canonical != null && canonical.symbols() != null ? symbols(canonical) : null;
        String label = canonical != null ? canonical.name() : field;

        SpecNode constNode = entry.get("const");
        if (constNode != null) {
            for (String key : entry.entries().keySet()) {
                if (!key.equals("const")) {
                    throw new SpecException(entry.keyLocation(key), field, "'const' stands alone: remove '" + key + "'");
                }
            }
            return ValuePipeline.constant(label, canonicalValue(constNode, field + ".const", target, symbols));
        }
        ValueSource valueSource = source(entry, field);

        List<Transform> transforms = new ArrayList<>();
        ValueKind kind = valueSource.kind();
        String previous = null;
        SpecNode transformsNode = entry.get("transforms");
        if (transformsNode != null) {
            if (!(transformsNode instanceof SpecNode.Sequence list)) {
                throw error(transformsNode, field + ".transforms", "expected a list of transforms, e.g. [trim, {strip-prefix: \"urn:\"}]");
            }
            for (SpecNode item : list.items()) {
                Transform transform = transform(item, field + ".transforms");
                if (!transform.accepts().contains(kind)) {
                    throw error(item, field + ".transforms", "transform '" + transform.name() + "' cannot take "
                            + kind.description() + (previous == null ? "" : " (the result of '" + previous + "')"));
                }
                kind = transform.produces();
                previous = transform.name();
                transforms.add(transform);
            }
        }
        if (!target.accepts.contains(kind)) {
            throw error(node, field, (canonical == null ? "an attribute" : "canonical field '" + canonical.name() + "'")
                    + " cannot take " + kind.description()
                    + (target.hint == null ? "" : ": add the '" + target.hint(kind) + "' transform"));
        }

        Object defaultValue = entry.get("default") == null ? null
                : canonicalValue(entry.get("default"), field + ".default", target, symbols);
        boolean isRequired = flag(entry, "required", field) || required;
        boolean dropInvalid = invalidPolicy(entry, field);

        Converter converter = switch (target) {
            case TEXT -> Converter.TEXT;
            case ATTRIBUTE -> Converter.ANY_TEXT;
            case NUMBER -> Converter.DOUBLE;
            case TIMESTAMP, POINT -> Converter.IDENTITY;
            case ENUM -> codes(entry, field, label, symbols);
        };
        if (target != Target.ENUM) {
            for (String key : List.of("codes", "unknown")) {
                if (entry.get(key) != null) {
                    throw new SpecException(entry.keyLocation(key), field, "'" + key + "' applies to enum fields only");
                }
            }
        }
        return ValuePipeline.of(specId, valueSource, transforms, defaultValue, isRequired, dropInvalid, converter);
    }

    /** 'path', 'concat' or 'point': exactly one says where the value is. */
    private ValueSource source(SpecNode.Mapping entry, String field) {
        String key = null;
        for (String candidate : SOURCE_KEYS) {
            if (entry.get(candidate) != null) {
                if (key != null) {
                    throw new SpecException(entry.keyLocation(candidate), field, "'" + key + "' and '" + candidate
                            + "' are alternatives: give one");
                }
                key = candidate;
            }
        }
        if (key == null) {
            throw new SpecException(entry.location(), field, field.equals("localId")
                    ? "needs a 'path': where the record's own id is in the source record"
                    : "needs a 'path' (where the value is in the source record) or a 'const'");
        }
        if (!key.equals("concat") && entry.get("separator") != null) {
            throw new SpecException(entry.keyLocation("separator"), field, "'separator' goes with 'concat'");
        }
        SpecNode node = entry.get(key);
        return switch (key) {
            case "path" -> new PathSource(paths(node, field + ".path"));
            case "concat" -> concat(node, entry.get("separator"), field);
            default -> point(node, field + ".point");
        };
    }

    /** {@code concat: [HouseNumber, {literal: " "}, StreetName]} with an optional {@code separator}. */
    private ValueSource concat(SpecNode node, SpecNode separatorNode, String field) {
        if (!(node instanceof SpecNode.Sequence list) || list.items().isEmpty()) {
            throw error(node, field + ".concat", "expected a list of paths and literals, e.g. [StreetName, {literal: \" \"}, Suffix]");
        }
        List<ConcatSource.Part> parts = new ArrayList<>();
        for (SpecNode item : list.items()) {
            if (item instanceof SpecNode.Mapping m) {
                if (m.entries().size() != 1 || m.get("literal") == null) {
                    throw error(item, field + ".concat", "a part is a path, or a literal as {literal: \"text\"}");
                }
                SpecNode literal = m.get("literal");
                parts.add(ConcatSource.Part.literal(literal instanceof SpecNode.Scalar s && !s.isNull() ? s.value()
                        : scalarText(literal, field + ".concat")));
            } else {
                parts.add(ConcatSource.Part.path(paths(item, field + ".concat").get(0)));
            }
        }
        String separator = separatorNode == null ? "" : separatorNode instanceof SpecNode.Scalar s && !s.isNull()
                ? s.value() : scalarText(separatorNode, field + ".separator");
        try {
            return new ConcatSource(parts, separator);
        } catch (IllegalArgumentException e) {
            throw error(node, field + ".concat", e.getMessage());
        }
    }

    /**
     * {@code point: {lat: Latitude, lon: Longitude}} or {@code point: {x: X, y: Y, crs: EPSG:3857}}, and
     * {@code decimal: ","} for coordinates written with a decimal comma.
     */
    private ValueSource point(SpecNode node, String field) {
        SpecNode.Mapping point = mapping(node, field);
        checkKeys(point, POINT_KEYS, field + ".");
        SpecCrs crs = SpecCrs.WGS84;
        if (point.get("crs") != null) {
            String name = scalarText(point.get("crs"), field + ".crs");
            crs = SpecCrs.byName(name).orElseThrow(() -> error(point.get("crs"), field + ".crs", SpecCrs.refusal(name)));
        }
        String firstKey = crs.projected() ? "x" : "lat";
        String secondKey = crs.projected() ? "y" : "lon";
        for (String key : List.of("lat", "lon", "x", "y")) {
            if (point.get(key) != null && !key.equals(firstKey) && !key.equals(secondKey)) {
                throw new SpecException(point.keyLocation(key), field + "." + key, crs.projected()
                        ? "a projected crs gives 'x' and 'y', not '" + key + "'"
                        : "crs " + crs.specName() + " gives 'lat' and 'lon', not '" + key
                                + "' (x/y are for a projected crs, e.g. EPSG:3857)");
            }
        }
        char decimal = '.';
        if (point.get("decimal") != null) {
            String text = scalarText(point.get("decimal"), field + ".decimal");
            if (!text.equals(".") && !text.equals(",")) {
                throw error(point.get("decimal"), field + ".decimal", "the decimal separator of the coordinates is '.' or ',', not '"
                        + text + "'");
            }
            decimal = text.charAt(0);
        }
        SourcePath first = singlePath(point, firstKey, field);
        SourcePath second = singlePath(point, secondKey, field);
        return new PointSource(first, second, crs, decimal);
    }

    private SourcePath singlePath(SpecNode.Mapping point, String key, String field) {
        SpecNode node = point.get(key);
        if (node == null) {
            throw new SpecException(point.location(), field + "." + key, "a point needs '" + key + "': the path of that coordinate");
        }
        if (node instanceof SpecNode.Sequence) {
            throw error(node, field + "." + key, "one path per coordinate");
        }
        return paths(node, field + "." + key).get(0);
    }

    /** {@code invalid: reject} (default) or {@code drop}: what a value that fails its transforms does. */
    private boolean invalidPolicy(SpecNode.Mapping entry, String field) {
        SpecNode node = entry.get("invalid");
        if (node == null) {
            return false;
        }
        String policy = scalarText(node, field + ".invalid");
        if (policy.equals(REJECT) || policy.equals("drop")) {
            return policy.equals("drop");
        }
        throw error(node, field + ".invalid", "expected 'reject' (the record goes to the DLQ) or 'drop' (the value"
                + " is left out and counted), not '" + policy + "'");
    }

    private List<SourcePath> paths(SpecNode node, String field) {
        List<SpecNode> items = node instanceof SpecNode.Sequence seq ? seq.items() : List.of(node);
        if (items.isEmpty()) {
            throw error(node, field, "needs at least one path");
        }
        List<SourcePath> paths = new ArrayList<>();
        for (SpecNode item : items) {
            if (!(item instanceof SpecNode.Scalar s) || s.isNull()) {
                throw error(item, field, "a path is a text like 'municipalityInfo.cityName', not " + item.describe());
            }
            try {
                paths.add(SourcePath.parse(s.value()));
            } catch (IllegalArgumentException e) {
                throw error(item, field, e.getMessage());
            }
        }
        return paths;
    }

    private Transform transform(SpecNode item, String field) {
        String name;
        Object argument = null;
        if (item instanceof SpecNode.Scalar s && !s.isNull()) {
            name = s.value();
        } else if (item instanceof SpecNode.Mapping m && m.entries().size() == 1) {
            name = m.entries().keySet().iterator().next();
            argument = plain(m.get(name));
        } else {
            throw error(item, field, "a transform is a name ('trim') or a name with its argument ({strip-prefix: \"urn:\"})");
        }
        Transforms.Factory factory = Transforms.factory(name).orElseThrow(() -> error(item, field,
                "unknown transform '" + name + "' (known: " + String.join(", ", Transforms.names()) + ")"));
        try {
            return factory.create(argument, context);
        } catch (IllegalArgumentException e) {
            throw error(item, field, e.getMessage());
        }
    }

    private Converter codes(SpecNode.Mapping entry, String field, String label, Map<String, Enum<?>> symbols) {
        Map<String, Enum<?>> table = new LinkedHashMap<>();
        SpecNode codesNode = entry.get("codes");
        if (codesNode != null) {
            SpecNode.Mapping codes = mapping(codesNode, field + ".codes");
            for (Map.Entry<String, SpecNode> code : codes.entries().entrySet()) {
                table.put(code.getKey(), symbol(code.getValue(), field + ".codes." + code.getKey(), symbols));
            }
        } else {
            // Without a table the source must already use the canonical symbols.
            table.putAll(symbols);
        }
        Enum<?> unknown = null;
        SpecNode unknownNode = entry.get("unknown");
        if (unknownNode != null) {
            String policy = scalarText(unknownNode, field + ".unknown");
            if (!policy.equals(REJECT)) {
                unknown = symbol(unknownNode, field + ".unknown", symbols);
            }
        }
        return Converter.codes(specId, label, table, unknown);
    }

    /** A const or default: a canonical value as written in the spec, checked against the target. */
    private Object canonicalValue(SpecNode node, String field, Target target, Map<String, Enum<?>> symbols) {
        return switch (target) {
            case TEXT, ATTRIBUTE -> scalarText(node, field);
            case ENUM -> symbol(node, field, symbols);
            case TIMESTAMP -> {
                try {
                    yield Transforms.parseInstant(scalarText(node, field));
                } catch (InvalidValueException e) {
                    throw error(node, field, e.getMessage());
                }
            }
            case NUMBER -> {
                String text = scalarText(node, field);
                try {
                    yield new BigDecimal(text.strip()).doubleValue();
                } catch (NumberFormatException e) {
                    throw error(node, field, "'" + text + "' is not a number");
                }
            }
            case POINT -> throw error(node, field, "a point cannot be given as a constant or default");
        };
    }

    private Enum<?> symbol(SpecNode node, String field, Map<String, Enum<?>> symbols) {
        String text = scalarText(node, field);
        Enum<?> symbol = symbols.get(text);
        if (symbol == null) {
            throw error(node, field, "'" + text + "' is not a symbol of the canonical enum (symbols: "
                    + String.join(", ", symbols.keySet()) + ")");
        }
        return symbol;
    }

    /** The symbols of the Avro enum behind a canonical field, resolved to the generated constants once. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Enum<?>> symbols(CanonicalField<?> field) {
        Class enumClass = field.symbols();
        Schema schema = SpecificData.get().getSchema(enumClass);
        Map<String, Enum<?>> symbols = new LinkedHashMap<>();
        for (String symbol : schema.getEnumSymbols()) {
            symbols.put(symbol, Enum.valueOf(enumClass, symbol));
        }
        return symbols;
    }

    private boolean flag(SpecNode.Mapping entry, String key, String field) {
        SpecNode node = entry.get(key);
        if (node == null) {
            return false;
        }
        String text = scalarText(node, field + "." + key);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw error(node, field + "." + key, "expected true or false, not '" + text + "'");
    }

    private static Object plain(SpecNode node) {
        if (node instanceof SpecNode.Scalar s) {
            return s.isNull() ? null : s.value();
        }
        if (node instanceof SpecNode.Sequence seq) {
            return seq.items().stream().map(SpecCompiler::plain).toList();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        ((SpecNode.Mapping) node).entries().forEach((k, v) -> map.put(k, plain(v)));
        return map;
    }

    private void checkKeys(SpecNode.Mapping mapping, Set<String> allowed, String prefix) {
        for (String key : mapping.entries().keySet()) {
            if (!allowed.contains(key)) {
                throw new SpecException(mapping.keyLocation(key), prefix + key,
                        "unknown key '" + key + "' (allowed here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    private SpecNode required(SpecNode.Mapping mapping, String key, String parent) {
        SpecNode node = mapping.get(key);
        if (node == null || node instanceof SpecNode.Scalar s && s.isNull()) {
            throw new SpecException(mapping.location(), parent == null ? key : parent + "." + key, "is required");
        }
        return node;
    }

    private String requiredText(SpecNode.Mapping mapping, String key, String parent) {
        return scalarText(required(mapping, key, parent), parent == null ? key : parent + "." + key);
    }

    private String scalarText(SpecNode node, String field) {
        if (node instanceof SpecNode.Scalar s && !s.isNull()) {
            return s.value();
        }
        throw error(node, field, "expected a single value, not " + node.describe());
    }

    private SpecNode.Mapping mapping(SpecNode node, String field) {
        if (node instanceof SpecNode.Mapping m) {
            return m;
        }
        throw error(node, field, "expected a mapping (key: value lines), not " + node.describe());
    }

    private SpecException error(SpecNode node, String field, String message) {
        return new SpecException(node == null ? new SpecLocation(source, 1, 1) : node.location(), field, message);
    }
}
