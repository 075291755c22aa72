package civic.exchange.headers;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What a record's {@code exchange.content-type} header says about how its bytes are encoded. */
public final class ContentTypes {

    private ContentTypes() {
    }

    /**
     * The charset a content type names ({@code text/csv; charset=GBK}); UTF-8 for JSON without one
     * (RFC 8259); else {@code fallback} (a dataset's declared encoding), also for a name no charset
     * has.
     */
    public static Charset charset(String contentType, Charset fallback) {
        if (contentType == null) {
            return fallback;
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = parameter.substring(8).strip().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return fallback; // an unknown name: the fallback, and its strict decoding, decide
                }
            }
        }
        return mediaType.equals("application/json") || mediaType.endsWith("+json") ? StandardCharsets.UTF_8 : fallback;
    }
}
