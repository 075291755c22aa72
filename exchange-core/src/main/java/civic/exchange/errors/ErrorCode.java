package civic.exchange.errors;

/** Why a record was refused. Codes are stable: they appear in DLQ headers, HTTP answers and quality counts. */
public enum ErrorCode {
    MALFORMED_JSON,
    MALFORMED_CSV,
    INVALID_ENCODING,
    PAYLOAD_TOO_LARGE,
    UNKNOWN_DEPARTMENT,
    UNKNOWN_DATASET,
    UNSUPPORTED_MEDIA_TYPE,
    MISSING_REQUIRED_FIELD,
    UNKNOWN_CODE,
    OUT_OF_RANGE,
    /** A text value longer than its canonical field's documented maximum. */
    VALUE_TOO_LONG,
    /** A whole canonical record larger than a canonical record may be. */
    RECORD_TOO_LARGE,
    INVALID_VALUE,
    INVALID_DATE,
    SCHEMA_VIOLATION,
    INTERNAL_ERROR
}
