package civic.exchange.headers;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Names of the headers every record on the bus carries, and of the error headers on DLQ records.
 * Values are UTF-8 text so that any Kafka tool can read them.
 */
public final class ExchangeHeaders {

    public static final String DEPARTMENT = "exchange.department";
    public static final String DATASET = "exchange.dataset";
    public static final String RECORD_ID = "exchange.record-id";
    public static final String CORRELATION_ID = "exchange.correlation-id";
    /** ISO-8601 UTC instant at which the bus accepted the raw record. */
    public static final String INGESTED_AT = "exchange.ingested-at";
    public static final String CONTENT_TYPE = "exchange.content-type";
    /**
     * The header row's bytes, in the dataset's encoding like the row itself, carried inline by a raw
     * CSV row so that the record can be read on its own. HTTP ingest no longer writes it on rows (it
     * writes the header row once per partition and batch, see {@link #CSV_HEADER_ID}); the
     * standardizer puts it back on the DLQ records of CSV rows, so a re-driven row is
     * self-contained, and still reads it on rows that carry it (departments producing directly, rows
     * written before). Read it as bytes, not with {@link #get}.
     */
    public static final String CSV_HEADER_ROW = "exchange.csv-header";
    /**
     * On raw CSV rows: the id of their header row, which travels once, in a CSV header record (see
     * {@link #RECORD_KIND}) written before the rows on the same partition, in the same transaction.
     * HTTP ingest names a header row by the lower-case hex SHA-256 of its bytes
     * ({@link CsvHeaderRecords#id(byte[])}). CSV header records carry it too.
     */
    public static final String CSV_HEADER_ID = "exchange.csv-header-id";
    /**
     * What a raw record is when it is not one of the dataset's records. Absent on data records. The
     * only kind so far is {@value #RECORD_KIND_CSV_HEADER}: the value is a CSV header row, named by
     * {@link #CSV_HEADER_ID}, which the standardizer keeps for the rows that follow and does not
     * count as a record.
     */
    public static final String RECORD_KIND = "exchange.record-kind";
    /** {@link #RECORD_KIND} of a CSV header record. */
    public static final String RECORD_KIND_CSV_HEADER = "csv-header";

    public static final String ERROR_CODE = "exchange.error.code";
    public static final String ERROR_MESSAGE = "exchange.error.message";
    public static final String ERROR_STAGE = "exchange.error.stage";
    public static final String ERROR_FIELD = "exchange.error.field";
    public static final String ERROR_SPEC = "exchange.error.spec";
    public static final String ERROR_SPEC_VERSION = "exchange.error.spec-version";
    public static final String SOURCE_TOPIC = "exchange.source.topic";
    public static final String SOURCE_PARTITION = "exchange.source.partition";
    public static final String SOURCE_OFFSET = "exchange.source.offset";

    private ExchangeHeaders() {
    }

    /** Last value of the header as text, or null. */
    public static String get(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Replaces the header; a null value removes it. */
    public static Headers put(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
