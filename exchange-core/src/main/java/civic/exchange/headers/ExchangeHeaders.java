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
     * On raw CSV records (one record per data row): the header row's bytes, in the dataset's encoding
     * like the row itself, so each record can be read on its own. Read it as bytes, not with {@link #get}.
     */
    public static final String CSV_HEADER_ROW = "exchange.csv-header";

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
