package civic.exchange.standardizer.mapping;

import civic.exchange.errors.ErrorCode;

/**
 * A value a transform or conversion cannot take. Raised without the field: the field's pipeline
 * catches it and rejects the record naming the source field. No stack trace: bad values are
 * routine input, not bugs.
 */
public final class InvalidValueException extends RuntimeException {

    private final ErrorCode code;

    public InvalidValueException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
