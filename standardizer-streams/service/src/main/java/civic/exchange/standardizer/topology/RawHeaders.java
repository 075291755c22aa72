package civic.exchange.standardizer.topology;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.time.IsoInstants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The ingest headers of one raw record, found in one pass over its headers. The raw bytes are kept
 * so that the canonical record carries them on without a decode and re-encode.
 */
final class RawHeaders {

    private static final byte[] CSV_HEADER_KIND = ExchangeHeaders.RECORD_KIND_CSV_HEADER.getBytes(StandardCharsets.UTF_8);

    private Header recordId;
    private Header correlationId;
    private Header ingestedAt;
    private Header contentType;
    private Header recordKind;
    private Header csvHeaderId;
    private Header csvHeaderRow;

    private RawHeaders() {
    }

    static RawHeaders of(Headers headers) {
        RawHeaders found = new RawHeaders();
        if (headers != null) {
            // last one wins, as with Headers.lastHeader
            for (Header header : headers) {
                // Compared, not switched on: a consumed header's key is a new string each record, and
                // a switch would hash all of it where equals stops at the length or the first byte.
                String key = header.key();
                if (key.equals(ExchangeHeaders.RECORD_ID)) {
                    found.recordId = header;
                } else if (key.equals(ExchangeHeaders.CORRELATION_ID)) {
                    found.correlationId = header;
                } else if (key.equals(ExchangeHeaders.INGESTED_AT)) {
                    found.ingestedAt = header;
                } else if (key.equals(ExchangeHeaders.CONTENT_TYPE)) {
                    found.contentType = header;
                } else if (key.equals(ExchangeHeaders.CSV_HEADER_ID)) {
                    found.csvHeaderId = header;
                } else if (key.equals(ExchangeHeaders.CSV_HEADER_ROW)) {
                    found.csvHeaderRow = header;
                } else if (key.equals(ExchangeHeaders.RECORD_KIND)) {
                    found.recordKind = header;
                }
            }
        }
        return found;
    }

    String recordId() {
        return text(recordId);
    }

    String correlationId() {
        return text(correlationId);
    }

    /** {@code exchange.content-type}, or null. */
    Header contentTypeHeader() {
        return contentType;
    }

    /** Whether the record is a CSV header record ({@code exchange.record-kind: csv-header}), not a data record. */
    boolean isCsvHeaderRecord() {
        return recordKind != null && Arrays.equals(CSV_HEADER_KIND, recordKind.value());
    }

    /** {@code exchange.csv-header-id}: the id of the header row a CSV row or header record names; null without one. */
    Header csvHeaderIdHeader() {
        return present(csvHeaderId);
    }

    /** Whether the record carries its CSV header row inline ({@code exchange.csv-header}). */
    boolean hasCsvHeaderRow() {
        return present(csvHeaderRow) != null;
    }

    Header recordIdHeader() {
        return present(recordId);
    }

    Header correlationIdHeader() {
        return present(correlationId);
    }

    /**
     * When the bus accepted the record: the ingest header if it is a valid instant, else null. The
     * fast path reads the shape HTTP ingest writes ({@code Instant.toString()}).
     */
    Instant ingestedAt() {
        String text = text(ingestedAt);
        if (text == null) {
            return null;
        }
        Object fast = IsoInstants.parse(text);
        if (fast instanceof Instant instant) {
            return instant;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // a bad header is not worth losing the record
        }
    }

    /**
     * The ingest header to carry on: the raw one when it held {@code value} in UTC (as HTTP ingest
     * writes it), else one written from {@code value}, so subscribers always read a UTC instant.
     */
    Header ingestedAtHeader(Instant value, boolean fromHeader) {
        byte[] raw = fromHeader ? ingestedAt.value() : null;
        return raw != null && raw.length > 0 && raw[raw.length - 1] == 'Z' ? ingestedAt
                : new RecordHeader(ExchangeHeaders.INGESTED_AT, value.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Header present(Header header) {
        return header == null || header.value() == null ? null : header;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
