package civic.exchange.headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CSV header records: how a CSV file's header row travels once per partition and batch instead of
 * on every row. A header record's value is the header row's bytes; its headers say
 * {@code exchange.record-kind: csv-header} and name it ({@code exchange.csv-header-id}); the rows
 * after it on the same partition carry only that id.
 */
public final class CsvHeaderRecords {

    private static final byte[] KIND = ExchangeHeaders.RECORD_KIND_CSV_HEADER.getBytes(StandardCharsets.UTF_8);

    private CsvHeaderRecords() {
    }

    /** The id of a header row: the lower-case hex SHA-256 of its bytes (64 characters). */
    public static String id(byte[] headerRow) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(headerRow));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Whether a record with these headers is a CSV header record (its last {@code exchange.record-kind} says so). */
    public static boolean isHeaderRecord(Headers headers) {
        if (headers == null) {
            return false;
        }
        Header kind = headers.lastHeader(ExchangeHeaders.RECORD_KIND);
        return kind != null && Arrays.equals(KIND, kind.value());
    }
}
