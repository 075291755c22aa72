package civic.exchange.standardizer.mapping;

import civic.exchange.errors.ErrorCode;
import civic.exchange.schema.GeoPoint;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The transforms a spec can name. Each is made once per field from its argument in the spec
 * ({@code trim}, {@code {strip-prefix: "urn:ngsi-ld:Streetlight:"}}). To add one: write a
 * {@link Transform}, register its factory here, document it in the README.
 */
public final class Transforms {

    /**
     * Makes a transform from its spec argument: null when the spec names it bare, else the YAML
     * value as plain Java (String, List, Map). Throws IllegalArgumentException with the reason
     * when the argument does not fit; the spec compiler adds file, line and field.
     */
    @FunctionalInterface
    public interface Factory {
        Transform create(Object argument);
    }

    private static final Set<ValueKind> SCALARS = EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER);

    private static final Map<String, Factory> FACTORIES = Map.of(
            "trim", noArgument("trim", () -> text("trim", s -> s.strip().isEmpty() ? null : s.strip())),
            "lowercase", noArgument("lowercase", () -> text("lowercase", s -> s.toLowerCase(Locale.ROOT))),
            "uppercase", noArgument("uppercase", () -> text("uppercase", s -> s.toUpperCase(Locale.ROOT))),
            "strip-prefix", Transforms::stripPrefix,
            "number", noArgument("number", NumberTransform::new),
            "timestamp", noArgument("timestamp", TimestampTransform::new),
            "geojson-point", noArgument("geojson-point", GeoJsonPointTransform::new));

    private Transforms() {
    }

    public static Optional<Factory> factory(String name) {
        return Optional.ofNullable(FACTORIES.get(name));
    }

    public static Set<String> names() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    private static Factory noArgument(String name, java.util.function.Supplier<Transform> maker) {
        return argument -> {
            if (argument != null) {
                throw new IllegalArgumentException("transform '" + name + "' takes no argument");
            }
            return maker.get();
        };
    }

    private static Transform text(String name, Function<String, String> f) {
        return new Transform() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<ValueKind> accepts() {
                return SCALARS;
            }

            @Override
            public ValueKind produces() {
                return ValueKind.TEXT;
            }

            @Override
            public Object apply(Object value) {
                return f.apply(Values.text(value));
            }
        };
    }

    /** {@code strip-prefix: "urn:ngsi-ld:Streetlight:"} or a list; the first prefix that matches is cut. */
    private static Transform stripPrefix(Object argument) {
        List<?> prefixes = argument instanceof List<?> list ? list : argument == null ? List.of() : List.of(argument);
        if (prefixes.isEmpty() || prefixes.stream().anyMatch(p -> !(p instanceof String s) || s.isEmpty())) {
            throw new IllegalArgumentException("transform 'strip-prefix' needs a prefix, or a list of prefixes");
        }
        List<String> copy = prefixes.stream().map(String.class::cast).toList();
        return text("strip-prefix", s -> {
            for (String prefix : copy) {
                if (s.startsWith(prefix)) {
                    return s.substring(prefix.length());
                }
            }
            return s;
        });
    }

    /** Text or number to a decimal number. */
    static final class NumberTransform implements Transform {
        @Override
        public String name() {
            return "number";
        }

        @Override
        public Set<ValueKind> accepts() {
            return SCALARS;
        }

        @Override
        public ValueKind produces() {
            return ValueKind.NUMBER;
        }

        @Override
        public Object apply(Object value) {
            if (value instanceof BigDecimal) {
                return value;
            }
            if (value instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            String text = Values.text(value).strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw new InvalidValueException(ErrorCode.INVALID_VALUE, Values.describe(value) + " is not a number");
            }
        }
    }

    /**
     * ISO-8601 date-time with an offset or Z ({@code 2021-01-11T15:51:02+05:30}) to an instant.
     * A local time without offset is refused: its instant depends on a zone the record does not say.
     */
    static final class TimestampTransform implements Transform {
        @Override
        public String name() {
            return "timestamp";
        }

        @Override
        public Set<ValueKind> accepts() {
            return EnumSet.of(ValueKind.ANY, ValueKind.TEXT);
        }

        @Override
        public ValueKind produces() {
            return ValueKind.INSTANT;
        }

        @Override
        public Object apply(Object value) {
            String text = Values.text(value).strip();
            if (text.isEmpty()) {
                return null;
            }
            return parseInstant(text);
        }
    }

    /** Parses an ISO-8601 instant with offset; shared with spec defaults and constants. */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE,
                    Values.describe(text) + " is not an ISO-8601 date-time with offset (e.g. 2021-01-11T15:51:02+05:30)");
        }
    }

    /** A GeoJSON Point {@code {"type":"Point","coordinates":[lon, lat]}} to a WGS84 point. */
    static final class GeoJsonPointTransform implements Transform {
        @Override
        public String name() {
            return "geojson-point";
        }

        @Override
        public Set<ValueKind> accepts() {
            return EnumSet.of(ValueKind.ANY);
        }

        @Override
        public ValueKind produces() {
            return ValueKind.POINT;
        }

        @Override
        public Object apply(Object value) {
            if (!(value instanceof JsonNode node) || !node.isObject()) {
                throw new InvalidValueException(ErrorCode.INVALID_VALUE,
                        "expected a GeoJSON Point object, found " + Values.describe(value));
            }
            JsonNode type = node.get("type");
            if (type == null || !"Point".equals(type.asText())) {
                throw new InvalidValueException(ErrorCode.INVALID_VALUE,
                        "expected a GeoJSON Point, found type " + (type == null ? "none" : Values.describe(type)));
            }
            JsonNode coordinates = node.get("coordinates");
            if (coordinates == null || !coordinates.isArray() || coordinates.size() < 2
                    || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
                throw new InvalidValueException(ErrorCode.INVALID_VALUE,
                        "a GeoJSON Point needs coordinates [longitude, latitude] as numbers");
            }
            double longitude = coordinates.get(0).doubleValue();
            double latitude = coordinates.get(1).doubleValue();
            if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
                throw new InvalidValueException(ErrorCode.OUT_OF_RANGE,
                        "latitude " + coordinates.get(1).asText() + " is outside -90..90 (GeoJSON order is [longitude, latitude])");
            }
            if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
                throw new InvalidValueException(ErrorCode.OUT_OF_RANGE,
                        "longitude " + coordinates.get(0).asText() + " is outside -180..180");
            }
            return new GeoPoint(latitude, longitude);
        }
    }
}
