package civic.exchange.standardizer.topology;

import civic.exchange.headers.ContentTypes;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;

/**
 * How a raw record's bytes are encoded. The record's {@code exchange.content-type} says so when it
 * can: HTTP ingest stores JSON records as UTF-8 ({@code application/json}, RFC 8259) whatever the
 * dataset's encoding, and CSV rows as sent ({@code text/csv; charset=GBK}). Without that header
 * (a department producing to its raw topic directly) the dataset's declared encoding holds. One
 * instance per stream task: it remembers the last header it parsed, as a dataset's records all carry
 * the same one.
 */
final class RecordCharsets {

    private byte[] lastContentType;
    private Charset lastDeclared;
    private Charset lastCharset;

    Charset of(Header contentType, Charset declared) {
        byte[] value = contentType == null ? null : contentType.value();
        if (value == null) {
            return declared;
        }
        if (declared != lastDeclared || !Arrays.equals(value, lastContentType)) {
            lastCharset = ContentTypes.charset(new String(value, StandardCharsets.UTF_8), declared);
            lastContentType = value.clone();
            lastDeclared = declared;
        }
        return lastCharset;
    }
}
