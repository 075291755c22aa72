package civic.exchange.standardizer.topology;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
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
            lastCharset = parse(new String(value, StandardCharsets.UTF_8), declared);
            lastContentType = value.clone();
            lastDeclared = declared;
        }
        return lastCharset;
    }

    /** The charset a content type names, UTF-8 for JSON without one, else the declared encoding. */
    static Charset parse(String contentType, Charset declared) {
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = parameter.substring(8).strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return declared; // an unknown name: the declared encoding, and its strict decoding, decide
                }
            }
        }
        return mediaType.equals("application/json") || mediaType.endsWith("+json") ? StandardCharsets.UTF_8 : declared;
    }
}
