package civic.exchange.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A dotted path into the source tree ({@code municipalityInfo.cityName}, {@code location.coordinates.0}),
 * split once when the spec is compiled. A numeric segment indexes an array. A name holding a dot
 * (a {@code Baum-Nr.} column, an unexpanded NGSI-LD attribute URI) writes it {@code \.}, and a
 * backslash {@code \\}.
 */
public final class SourcePath {

    private final String text;
    private final String[] names;
    private final int[] indexes;

    private SourcePath(String text, String[] names, int[] indexes) {
        this.text = text;
        this.names = names;
        this.indexes = indexes;
    }

    /** Parses a path; throws IllegalArgumentException with the reason if it is not one. */
    public static SourcePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a path cannot be empty");
        }
        String[] names = segments(text);
        int[] indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            if (names[i].isEmpty()) {
                throw new IllegalArgumentException("path '" + text + "' has an empty segment"
                        + (text.endsWith(".") || text.contains("..") ? " (a dot that is part of a name is written '\\.')" : ""));
            }
            indexes[i] = names[i].chars().allMatch(Character::isDigit) && names[i].length() < 10
                    ? Integer.parseInt(names[i]) : -1;
        }
        return new SourcePath(text, names, indexes);
    }

    private static String[] segments(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 == text.length() || (text.charAt(i + 1) != '.' && text.charAt(i + 1) != '\\')) {
                    throw new IllegalArgumentException("path '" + text + "': a backslash escapes only '.' or '\\'");
                }
                name.append(text.charAt(++i));
            } else if (c == '.') {
                names.add(name.toString());
                name.setLength(0);
            } else {
                name.append(c);
            }
        }
        names.add(name.toString());
        // Interned as Jackson interns the member names it reads: a look-up then matches the key by
        // identity instead of comparing its characters.
        return names.stream().map(String::intern).toArray(String[]::new);
    }

    /** The first name of the path: the column or top-level member it starts at. */
    public String firstName() {
        return names[0];
    }

    /** The node at this path, or null if any step is missing. */
    public JsonNode at(JsonNode root) {
        JsonNode node = root;
        for (int i = 0; i < names.length && node != null; i++) {
            if (node.isObject()) {
                node = node.get(names[i]);
            } else if (node.isArray() && indexes[i] >= 0) {
                node = node.get(indexes[i]);
            } else {
                return null;
            }
        }
        return node;
    }

    @Override
    public String toString() {
        return text;
    }
}
