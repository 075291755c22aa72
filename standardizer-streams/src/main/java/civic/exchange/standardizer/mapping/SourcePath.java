package civic.exchange.standardizer.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dotted path into the source tree ({@code municipalityInfo.cityName}, {@code location.coordinates.0}),
 * split once when the spec is compiled. A numeric segment indexes an array.
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
        String[] names = text.split("\\.", -1);
        int[] indexes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            if (names[i].isEmpty()) {
                throw new IllegalArgumentException("path '" + text + "' has an empty segment");
            }
            indexes[i] = names[i].chars().allMatch(Character::isDigit) && names[i].length() < 10
                    ? Integer.parseInt(names[i]) : -1;
        }
        return new SourcePath(text, names, indexes);
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
