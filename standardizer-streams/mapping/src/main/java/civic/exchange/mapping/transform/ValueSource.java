package civic.exchange.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a field's value comes from in the source tree: a path ({@link PathSource}), several paths
 * and literals joined ({@link ConcatSource}), or a point made of two coordinate fields
 * ({@link PointSource}). Compiled once per spec entry.
 */
public interface ValueSource {

    /**
     * The pipeline value, or null when the record has none.
     *
     * @throws InvalidValueException when the source values cannot make one
     */
    Object read(JsonNode root);

    /** What {@link #read} gives, for the compiler's kind checks. */
    ValueKind kind();

    /** What DLQ records name as the field at fault: the first source path. */
    String label();

    /**
     * Why a record has no value, when it says more than "no value": e.g. that none of the paths
     * exists in the record (a misspelt column). Null otherwise. Only asked for rejected records.
     */
    default String absence(JsonNode root) {
        return null;
    }
}
