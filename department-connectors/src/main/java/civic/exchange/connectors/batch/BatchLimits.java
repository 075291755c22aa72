package civic.exchange.connectors.batch;

/**
 * Size bounds on one batch, checked before anything is written.
 *
 * @param maxBodyBytes   largest body, in bytes as received
 * @param maxRecordBytes largest single record, in bytes as written to the raw topic
 * @param maxRecords     most records in one batch (one Kafka transaction)
 */
public record BatchLimits(long maxBodyBytes, int maxRecordBytes, int maxRecords) {

    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_RECORDS = 100_000;

    public BatchLimits {
        if (maxBodyBytes <= 0 || maxRecordBytes <= 0 || maxRecords <= 0) {
            throw new IllegalArgumentException("Batch limits must be positive: " + maxBodyBytes + ", " + maxRecordBytes + ", " + maxRecords);
        }
    }

    public static BatchLimits defaults() {
        return new BatchLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_RECORDS);
    }
}
