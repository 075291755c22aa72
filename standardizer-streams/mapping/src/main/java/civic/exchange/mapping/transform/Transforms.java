package civic.exchange.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The transforms a spec can name. Each is made once per field from its argument in the spec
 * ({@code trim}, {@code {strip-prefix: "urn:ngsi-ld:Streetlight:"}}, {@code {timestamp: {pattern: ...}}}):
 * patterns compiled, formatters built, units resolved, so that applying one to a record does no
 * parsing of the spec. To add one: write a {@link Transform}, register its factory here, document it
 * in the README.
 */
public final class Transforms {

    /**
     * Makes a transform from its spec argument: null when the spec names it bare, else the YAML
     * value as plain Java (String, List, Map). Throws IllegalArgumentException with the reason
     * when the argument does not fit; the spec compiler adds file, line and field.
     */
    @FunctionalInterface
    public interface Factory {
        Transform create(Object argument, TransformContext context);

        default Transform create(Object argument) {
            return create(argument, TransformContext.NONE);
        }
    }

    static final Set<ValueKind> SCALARS = EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER);

    private static final Map<String, Factory> FACTORIES = Map.ofEntries(
            Map.entry("trim", noArgument("trim", () -> text("trim", s -> {
                String stripped = s.strip();
                return stripped.isEmpty() ? null : stripped;
            }))),
            Map.entry("lowercase", noArgument("lowercase", () -> text("lowercase", s -> s.toLowerCase(Locale.ROOT)))),
            Map.entry("uppercase", noArgument("uppercase", () -> text("uppercase", s -> s.toUpperCase(Locale.ROOT)))),
            Map.entry("strip-prefix", (argument, context) -> stripPrefix(argument)),
            Map.entry("regex", (argument, context) -> RegexTransform.create(argument)),
            Map.entry("join", (argument, context) -> new JoinTransform(argument)),
            Map.entry("number", (argument, context) -> NumberTransform.create(argument)),
            Map.entry("range", (argument, context) -> RangeTransform.create(argument)),
            Map.entry("unit", (argument, context) -> UnitTransform.create(argument)),
            Map.entry("timestamp", TimestampTransform::create),
            Map.entry("epoch", (argument, context) -> EpochTransform.create(argument)),
            Map.entry("geojson-point", (argument, context) -> GeoJsonPointTransform.create(argument)),
            Map.entry("latlon-point", (argument, context) -> PointTextTransform.latLon(argument)),
            Map.entry("wkt-point", (argument, context) -> PointTextTransform.wkt(argument)));

    private Transforms() {
    }

    public static Optional<Factory> factory(String name) {
        return Optional.ofNullable(FACTORIES.get(name));
    }

    public static Set<String> names() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    private static Factory noArgument(String name, Supplier<Transform> maker) {
        return (argument, context) -> {
            if (argument != null) {
                throw new IllegalArgumentException("transform '" + name + "' takes no argument");
            }
            return maker.get();
        };
    }

    /**
     * A text-to-text step. Applied to an array of scalars (an NGSI relationship to several
     * entities), it works item by item and gives an array; {@code join} makes it one text.
     * Null from {@code f} means absent.
     */
    static Transform text(String name, Function<String, String> f) {
        return new TextTransform(name) {
            @Override
            public Object apply(Object value) {
                if (value instanceof JsonNode node && node.isArray()) {
                    ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
                    for (JsonNode item : node) {
                        Object scalar = Values.fromJson(item);
                        String result = scalar == null ? null : f.apply(Values.text(scalar));
                        if (result != null) {
                            out.add(result);
                        }
                    }
                    return out.isEmpty() ? null : out;
                }
                return f.apply(Values.text(value));
            }
        };
    }

    /** A step that takes scalars (or arrays of them) and gives text. */
    abstract static class TextTransform extends TypedTransform {

        TextTransform(String name) {
            super(name, SCALARS, ValueKind.TEXT);
        }
    }

    /** {@code strip-prefix: "urn:ngsi-ld:Streetlight:"} or a list; the first prefix that matches is cut. */
    private static Transform stripPrefix(Object argument) {
        List<?> prefixes = argument instanceof List<?> list ? list : argument == null ? List.of() : List.of(argument);
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(p -> !(p instanceof String s) || s.isEmpty())) {
            throw new IllegalArgumentException("transform 'strip-prefix' needs a prefix, or a list of prefixes");
        }
        String[] copy = prefixes.stream().map(String.class::cast).toArray(String[]::new);
        return text("strip-prefix", s -> {
            for (String prefix : copy) {
                if (s.startsWith(prefix)) {
                    return s.substring(prefix.length());
                }
            }
            return s;
        });
    }

    /** {@code join} or {@code {join: ", "}}: the items of an array as one text (default separator ","); a scalar as its text. */
    static final class JoinTransform extends TextTransform {
        private final String separator;

        JoinTransform(Object argument) {
            super("join");
            if (argument != null && !(argument instanceof String)) {
                throw new IllegalArgumentException("transform 'join' takes its separator as a text, e.g. {join: \", \"}");
            }
            this.separator = argument == null ? "," : (String) argument;
        }

        @Override
        public Object apply(Object value) {
            if (!(value instanceof JsonNode node) || !node.isArray()) {
                return Values.text(value);
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode item : node) {
                Object scalar = Values.fromJson(item);
                if (scalar == null) {
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append(separator);
                }
                text.append(Values.text(scalar));
            }
            return text.isEmpty() ? null : text.toString();
        }
    }

    /** Parses an ISO-8601 instant with offset; for spec defaults and constants. */
    public static Instant parseInstant(String text) {
        return TimestampTransform.ISO_WITHOUT_ZONE.parse(text);
    }
}
