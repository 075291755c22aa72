package civic.exchange.mapping.spec;

import civic.exchange.mapping.api.SpecLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a mapping spec as written, with the line and column it starts at, so that every
 * error found while compiling the spec can point at the place to fix. Jackson's tree model drops
 * locations, hence this small tree of our own.
 */
public sealed interface SpecNode {

    SpecLocation location();

    /** What the node is, for messages ("a text", "a list", "a mapping"). */
    String describe();

    /** An optional section left out or written without content ({@code input:}, {@code link: ~}). */
    static boolean isAbsent(SpecNode node) {
        return node == null || node instanceof Scalar s && (s.isNull() || s.value().isBlank());
    }

    /** A scalar: text, number or boolean. {@code value} is the scalar as YAML wrote it; null for YAML null. */
    record Scalar(String value, boolean isNull, SpecLocation location) implements SpecNode {
        @Override
        public String describe() {
            return isNull ? "null" : "'" + value + "'";
        }
    }

    record Sequence(List<SpecNode> items, SpecLocation location) implements SpecNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping; keys keep their order and their own locations. */
    record Mapping(Map<String, SpecNode> entries, Map<String, SpecLocation> keyLocations, SpecLocation location)
            implements SpecNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyLocations = Map.copyOf(keyLocations);
        }

        public SpecNode get(String key) {
            return entries.get(key);
        }

        public SpecLocation keyLocation(String key) {
            return keyLocations.getOrDefault(key, location);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }
}
