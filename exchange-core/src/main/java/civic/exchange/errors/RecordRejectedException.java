package civic.exchange.errors;

/**
 * A record that cannot be accepted, with a code, the field at fault (if any) and a message a
 * department's integrator can act on. Thrown by domain code; transport adapters turn it into an
 * HTTP 4xx or a DLQ record.
 */
public class RecordRejectedException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public RecordRejectedException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public RecordRejectedException(ErrorCode code, String field, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** Path of the offending field in the source record, or null when the whole record is at fault. */
    public String field() {
        return field;
    }
}
