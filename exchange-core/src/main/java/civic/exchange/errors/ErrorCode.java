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
    INVALID_VALUE,
    INVALID_DATE,
    SCHEMA_VIOLATION,
    /** A canonical record whose bytes cannot be read: not the wire format, an unknown schema id, Avro that does not decode. */
    UNREADABLE_RECORD,
    INTERNAL_ERROR
}
