package civic.exchange.mapping.transform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A transform's argument as the spec wrote it (String, List or Map of those), checked once at load.
 * Every problem is an IllegalArgumentException with the reason; the compiler adds file, line and field.
 */
final class Arguments {

    private final String transform;
    private final Map<String, Object> values;

    private Arguments(String transform, Map<String, Object> values) {
        this.transform = transform;
        this.values = values;
    }

    /**
     * The argument as a mapping with only the allowed keys. A bare scalar is taken as the value of
     * {@code shorthandKey} (e.g. {@code {timestamp: "MM/dd/yyyy"}} is the pattern); null argument is empty.
     */
    static Arguments of(String transform, Object argument, String shorthandKey, Set<String> allowed) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (argument instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException("transform '" + transform + "' has no option '" + key
                            + "' (options: " + String.join(", ", new TreeSet<>(allowed)) + ")");
                }
                values.put(key, entry.getValue());
            }
        } else if (argument instanceof String || argument instanceof List<?>) {
            if (shorthandKey == null) {
                throw new IllegalArgumentException("transform '" + transform + "' takes options as a mapping ("
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            values.put(shorthandKey, argument);
        }
        return new Arguments(transform, values);
    }

    boolean has(String key) {
        return values.get(key) != null;
    }

    String text(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("transform '" + transform + "': option '" + key + "' takes a single value");
        }
        return s;
    }

    /** One value or a list of them (each non-empty text), in order; empty when absent. */
    List<String> texts(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("transform '" + transform + "': option '" + key + "' lists nothing");
        }
        for (Object item : items) {
            if (!(item instanceof String text) || text.isEmpty()) {
                throw new IllegalArgumentException("transform '" + transform + "': option '" + key
                        + "' takes texts, not '" + item + "'");
            }
        }
        return items.stream().map(String.class::cast).toList();
    }

    String requiredText(String key) {
        String text = text(key, null);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("transform '" + transform + "' needs option '" + key + "'");
        }
        return text;
    }

    /** A single character, or null when absent. */
    Character character(String key) {
        String text = text(key, null);
        if (text == null) {
            return null;
        }
        if (text.length() != 1) {
            throw new IllegalArgumentException("transform '" + transform + "': option '" + key
                    + "' is one character, not '" + text + "'");
        }
        return text.charAt(0);
    }

    String transform() {
        return transform;
    }
}
