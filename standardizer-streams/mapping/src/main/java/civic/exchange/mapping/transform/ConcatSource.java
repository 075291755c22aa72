package civic.exchange.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Text joined from several paths and literals ({@code concat: [HouseNumber, StreetName, {literal: "St"}]}),
 * with a separator between the parts that are present. Absent or blank path values are skipped; the
 * result is absent when no path part has a value (literals alone make no value).
 */
public final class ConcatSource implements ValueSource {

    /** One part: a path, or a literal when {@code path} is null. */
    public record Part(SourcePath path, String literal) {

        public static Part path(SourcePath path) {
            return new Part(path, null);
        }

        public static Part literal(String text) {
            return new Part(null, text);
        }
    }

    private final Part[] parts;
    private final String separator;
    private final String label;

    public ConcatSource(List<Part> parts, String separator) {
        if (parts.stream().noneMatch(p -> p.path() != null)) {
            throw new IllegalArgumentException("'concat' needs at least one path among its parts");
        }
        this.parts = parts.toArray(Part[]::new);
        this.separator = separator;
        this.label = parts.stream().filter(p -> p.path() != null).findFirst().orElseThrow().path().toString();
    }

    @Override
    public Object read(JsonNode root) {
        StringBuilder text = new StringBuilder();
        boolean anyValue = false;
        boolean first = true;
        for (Part part : parts) {
            String piece;
            if (part.path() == null) {
                piece = part.literal();
            } else {
                Object value = Values.fromJson(part.path().at(root));
                if (value == null) {
                    continue;
                }
                try {
                    piece = Values.text(value).strip();
                } catch (InvalidValueException e) {
                    throw new InvalidValueException(e.code(), part.path().toString(), e.getMessage());
                }
                if (piece.isEmpty()) {
                    continue;
                }
                anyValue = true;
            }
            if (!first) {
                text.append(separator);
            }
            text.append(piece);
            first = false;
        }
        return anyValue ? text.toString() : null;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.TEXT;
    }

    @Override
    public String label() {
        return label;
    }
}
