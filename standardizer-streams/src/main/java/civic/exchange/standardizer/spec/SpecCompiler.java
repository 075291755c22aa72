package civic.exchange.standardizer.spec;

import civic.exchange.standardizer.entity.CanonicalEntities;
import civic.exchange.standardizer.entity.CanonicalEntity;
import civic.exchange.standardizer.entity.CanonicalField;
import civic.exchange.standardizer.mapping.Converter;
import civic.exchange.standardizer.mapping.EntityMapper;
import civic.exchange.standardizer.mapping.FieldBinding;
import civic.exchange.standardizer.mapping.InvalidValueException;
import civic.exchange.standardizer.mapping.SourcePath;
import civic.exchange.standardizer.mapping.Transform;
import civic.exchange.standardizer.mapping.Transforms;
import civic.exchange.standardizer.mapping.ValueKind;
import civic.exchange.standardizer.mapping.ValuePipeline;
import civic.exchange.standardizer.read.RecordReader;
import civic.exchange.standardizer.read.RecordReaders;
import civic.exchange.topics.Topics;
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

    private static final Set<String> TOP_KEYS = Set.of("spec", "version", "entity", "description", "input", "localId",
            "fields", "attributes");
    private static final Set<String> INPUT_KEYS = Set.of("format");
    private static final Set<String> LOCAL_ID_KEYS = Set.of("path", "transforms");
    private static final Set<String> FIELD_KEYS = Set.of("path", "const", "default", "required", "transforms", "codes",
            "unknown");
    private static final Set<String> ATTRIBUTE_KEYS = Set.of("path", "default", "transforms");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final String REJECT = "reject";

    /** What a pipeline must produce. */
    private enum Target {
        TEXT(EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER, ValueKind.INSTANT), null),
        ATTRIBUTE(EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER, ValueKind.INSTANT), null),
        ENUM(EnumSet.of(ValueKind.ANY, ValueKind.TEXT), null),
        TIMESTAMP(EnumSet.of(ValueKind.INSTANT), "timestamp"),
        POINT(EnumSet.of(ValueKind.POINT), "geojson-point");

        final Set<ValueKind> accepts;
        final String hint;

        Target(Set<ValueKind> accepts, String hint) {
            this.accepts = accepts;
            this.hint = hint;
        }

        static Target of(CanonicalField.CanonicalType type) {
            return switch (type) {
                case TEXT -> TEXT;
                case ENUM -> ENUM;
                case TIMESTAMP -> TIMESTAMP;
                case POINT -> POINT;
            };
        }
    }

    private final String source;
    private String specId;

    private SpecCompiler(String source) {
        this.source = source;
    }

    /**
     * @param root       the spec as read
     * @param source     file name for messages
     * @param expectedId the id the file's place implies ({@code mappings/<department>/<dataset>.yaml}), or null
     */
    public static MappingSpec compile(SpecNode root, String source, String expectedId) {
        return new SpecCompiler(source).compile(root, expectedId);
    }

    private MappingSpec compile(SpecNode rootNode, String expectedId) {
        SpecNode.Mapping root = mapping(rootNode, null);
        checkKeys(root, TOP_KEYS, "");
        specId = requiredText(root, "spec", null);
        String[] parts = specId.split("/", -1);
        if (parts.length != 2 || !Topics.isValidId(parts[0]) || !Topics.isValidId(parts[1])) {
            throw error(root.get("spec"), "spec", "the spec id must be '<department>/<dataset>' in lower-case catalog ids, not '" + specId + "'");
        }
        if (expectedId != null && !expectedId.equals(specId)) {
            throw error(root.get("spec"), "spec", "declares spec '" + specId + "' but its file is the place of spec '"
                    + expectedId + "' (mappings/<department>/<dataset>.yaml)");
        }
        int version = version(root);
        String entityName = requiredText(root, "entity", null);
        CanonicalEntity<?, ?> entity = CanonicalEntities.find(entityName).orElseThrow(() -> error(root.get("entity"), "entity",
                "unknown canonical entity '" + entityName + "' (this standardizer produces " + new TreeSet<>(CanonicalEntities.names()) + ")"));
        RecordReader reader = reader(root);
        ValuePipeline localId = localId(root);
        EntityMapper<?, ?> mapper = mapper(entity, root);
        return new MappingSpec(specId, version, source, reader, localId, mapper);
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

    private RecordReader reader(SpecNode.Mapping root) {
        SpecNode.Mapping input = mapping(required(root, "input", null), "input");
        checkKeys(input, INPUT_KEYS, "input.");
        String format = requiredText(input, "format", "input");
        return RecordReaders.forFormat(format).orElseThrow(() -> error(input.get("format"), "input.format",
                "unknown input format '" + format + "' (supported: " + RecordReaders.formats() + ")"));
    }

    private ValuePipeline localId(SpecNode.Mapping root) {
        SpecNode node = required(root, "localId", null);
        if (node instanceof SpecNode.Mapping m) {
            checkKeys(m, LOCAL_ID_KEYS, "localId.");
        }
        return pipeline(node, "localId", Target.TEXT, null, true);
    }

    private <R extends SpecificRecord, B> EntityMapper<R, B> mapper(CanonicalEntity<R, B> entity, SpecNode.Mapping root) {
        SpecNode.Mapping fields = mapping(required(root, "fields", null), "fields");
        List<FieldBinding<B>> bindings = new ArrayList<>();
        for (Map.Entry<String, SpecNode> entry : fields.entries().entrySet()) {
            String name = entry.getKey();
            String field = "fields." + name;
            CanonicalField<B> target = entity.fields().get(name);
            if (target == null) {
                throw new SpecException(fields.keyLocation(name), field, "'" + name + "' is not a field of canonical "
                        + entity.name() + " that a spec maps (known: " + String.join(", ", entity.fields().keySet())
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
                throw new SpecException(fields.location(), "fields." + target.name(), "canonical " + entity.name()
                        + " requires '" + target.name() + "': map it with a path, a const or a default");
            }
        }
        Map<String, ValuePipeline> attributes = new LinkedHashMap<>();
        SpecNode attributesNode = root.get("attributes");
        if (attributesNode != null && !(attributesNode instanceof SpecNode.Scalar s && s.isNull())) {
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
            Object constant = canonicalValue(constNode, field + ".const", target, symbols);
            return new ValuePipeline(label, List.of(), constant, List.of(), null, required, Converter.IDENTITY);
        }
        SpecNode pathNode = entry.get("path");
        if (pathNode == null) {
            throw new SpecException(entry.location(), field, field.equals("localId")
                    ? "needs a 'path': where the record's own id is in the source record"
                    : "needs a 'path' (where the value is in the source record) or a 'const'");
        }
        List<SourcePath> paths = paths(pathNode, field + ".path");

        List<Transform> transforms = new ArrayList<>();
        ValueKind kind = ValueKind.ANY;
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
                    + (target.hint == null ? "" : ": add the '" + target.hint + "' transform"));
        }

        Object defaultValue = entry.get("default") == null ? null
                : canonicalValue(entry.get("default"), field + ".default", target, symbols);
        boolean isRequired = flag(entry, "required", field) || required;

        Converter converter = switch (target) {
            case TEXT -> Converter.TEXT;
            case ATTRIBUTE -> Converter.ANY_TEXT;
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
        return new ValuePipeline(pathLabel(pathNode, label), paths, null, transforms, defaultValue, isRequired, converter);
    }

    /** The field DLQ records name: the first source path, which is what the department can fix. */
    private static String pathLabel(SpecNode pathNode, String fallback) {
        if (pathNode instanceof SpecNode.Scalar s && !s.isNull()) {
            return s.value();
        }
        if (pathNode instanceof SpecNode.Sequence seq && !seq.items().isEmpty()
                && seq.items().get(0) instanceof SpecNode.Scalar s && !s.isNull()) {
            return s.value();
        }
        return fallback;
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
            return factory.create(argument);
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
