package civic.exchange.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dotted path to a member of a record ({@code municipalityInfo.cityName}, {@code location.coordinates.0}),
 * or a column name: one syntax for the catalog's {@code key} and a spec's paths. A name holding a
 * dot (a {@code Baum-Nr.} column) writes it {@code \.}, and a backslash {@code \\}.
 *
 * @param text  the path as written
 * @param names its segments, unescaped
 */
public record MemberPath(String text, List<String> names) {

    public MemberPath {
        names = List.copyOf(names);
    }

    /** Parses a path; throws IllegalArgumentException with the reason if it is not one. */
    public static MemberPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a path cannot be empty");
        }
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
        if (names.contains("")) {
            throw new IllegalArgumentException("path '" + text + "' has an empty segment"
                    + (text.endsWith(".") || text.contains("..") ? " (a dot that is part of a name is written '\\.')" : ""));
        }
        return new MemberPath(text, names);
    }

    /** The node at this path (a numeric segment indexes an array), or null if any step is missing. */
    public JsonNode at(JsonNode root) {
        JsonNode node = root;
        for (String name : names) {
            if (node == null) {
                return null;
            }
            node = node.isArray() && name.length() < 10 && name.chars().allMatch(Character::isDigit)
                    ? node.get(Integer.parseInt(name)) : node.get(name);
        }
        return node;
    }

    /** The column a CSV row names with this path: its only segment; empty for a nested path. */
    public Optional<String> column() {
        return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
    }
}
