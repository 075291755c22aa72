package civic.exchange.connectors.batch;

import civic.exchange.errors.ErrorCode;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed media type ({@code type/subtype; param=value}), kept free of any HTTP library so that
 * non-HTTP connectors (file import, MQTT) can describe their payloads the same way.
 *
 * @param mediaType  lower-case {@code type/subtype} without parameters
 * @param parameters lower-case parameter names to their (unquoted) values
 */
public record ContentType(String mediaType, Map<String, String> parameters) {

    public static final ContentType JSON = new ContentType("application/json", Map.of());

    public ContentType {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses a Content-Type value; blank gives empty, a value that is not {@code type/subtype} is refused (415). */
    public static Optional<ContentType> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String[] parts = header.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1 || type.indexOf('/', slash + 1) >= 0 || type.contains(" ")) {
            throw new BatchRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type '" + header + "' is not a media type of the form type/subtype");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
        }
        return Optional.of(new ContentType(type, params));
    }

    /** The declared {@code charset} parameter, if any; an unknown charset is refused (415). */
    public Optional<Charset> charset() {
        String name = parameters.get("charset");
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (RuntimeException e) {
            throw new BatchRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unknown charset '" + name + "' in Content-Type");
        }
    }

    /** The structured-syntax suffix ({@code json} for {@code application/ld+json}), or empty. */
    public Optional<String> suffix() {
        int plus = mediaType.lastIndexOf('+');
        return plus < 0 ? Optional.empty() : Optional.of(mediaType.substring(plus + 1));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(mediaType);
        parameters.forEach((k, v) -> sb.append("; ").append(k).append('=').append(v));
        return sb.toString();
    }
}
