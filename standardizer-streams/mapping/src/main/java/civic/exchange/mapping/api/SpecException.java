package civic.exchange.mapping.api;

/**
 * A mapping spec that cannot be used, with the file, line and field at fault. Thrown while loading
 * specs, never while processing records: a broken spec stops the service at start, before it reads
 * a single record.
 */
public class SpecException extends RuntimeException {

    private final SpecLocation location;
    private final String field;

    public SpecException(SpecLocation location, String field, String message) {
        super(format(location, field, message));
        this.location = location;
        this.field = field;
    }

    public SpecException(SpecLocation location, String field, String message, Throwable cause) {
        super(format(location, field, message), cause);
        this.location = location;
        this.field = field;
    }

    private static String format(SpecLocation location, String field, String message) {
        return (location == null ? "" : location + ": ")
                + (field == null ? "" : "field '" + field + "': ")
                + message;
    }

    /** File, line and column; null when the whole file is at fault (e.g. it cannot be read). */
    public SpecLocation location() {
        return location;
    }

    /** The spec entry at fault, e.g. {@code fields.status} or {@code localId}; null for the file as a whole. */
    public String field() {
        return field;
    }
}
