package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;

/**
 * A value a transform or conversion cannot take. Usually raised without the field: the field's
 * pipeline catches it and rejects the record naming its source field. A source that reads several
 * fields (a point from latitude and longitude) names the one at fault. No stack trace: bad values
 * are routine input, not bugs.
 */
public final class InvalidValueException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public InvalidValueException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public InvalidValueException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The source field at fault when it is not the pipeline's own; null otherwise. */
    public String field() {
        return field;
    }
}
