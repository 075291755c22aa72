package civic.exchange.mapping.transform;

import civic.exchange.catalog.MemberPath;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@link MemberPath} into the source tree, split once when the spec is compiled. A numeric
 * segment indexes an array.
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
        // Interned as Jackson interns the member names it reads: a look-up then matches the key by
        // identity instead of comparing its characters.
        String[] names = MemberPath.parse(text).names().stream().map(String::intern).toArray(String[]::new);
        int[] indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            indexes[i] = names[i].chars().allMatch(Character::isDigit) && names[i].length() < 10
                    ? Integer.parseInt(names[i]) : -1;
        }
        return new SourcePath(text, names, indexes);
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
