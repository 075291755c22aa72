package civic.exchange.mapping.entity;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The documented maximum of every canonical text value, checked on each mapped record, so that no
 * department can put a value of any size into a canonical topic. A value over its maximum refuses
 * the record as {@code VALUE_TOO_LONG}, naming the canonical field. Lengths are in characters
 * (UTF-16 units, as Java and Avro's readers count them). Text must also be text: a NUL character
 * ({@code INVALID_VALUE}) or a lone surrogate, which UTF-8 cannot encode ({@code INVALID_ENCODING}),
 * refuses the record too.
 *
 * <table>
 *   <caption>Maxima</caption>
 *   <tr><th>fields</th><th>characters</th></tr>
 *   <tr><td>{@code description}, {@code notes}, {@code statusNotes}, {@code textValue}</td><td>{@value #LONG_TEXT}</td></tr>
 *   <tr><td>{@code mediaUrl}</td><td>{@value #URL}</td></tr>
 *   <tr><td>{@code attributes}: at most {@value #MAX_ATTRIBUTES} entries, names of</td><td>{@value #ATTRIBUTE_NAME}</td></tr>
 *   <tr><td>{@code attributes}: values of</td><td>{@value #ATTRIBUTE_VALUE}</td></tr>
 *   <tr><td>every other text field (ids, names, addresses, codes, provenance)</td><td>{@value #TEXT}</td></tr>
 * </table>
 */
public final class CanonicalLimits {

    public static final int TEXT = 1_000;
    public static final int LONG_TEXT = 10_000;
    public static final int URL = 2_048;
    public static final int ATTRIBUTE_NAME = 128;
    public static final int ATTRIBUTE_VALUE = 2_000;
    public static final int MAX_ATTRIBUTES = 256;

    private static final Map<String, Integer> BY_FIELD = Map.of(
            "description", LONG_TEXT,
            "notes", LONG_TEXT,
            "statusNotes", LONG_TEXT,
            "textValue", LONG_TEXT,
            "mediaUrl", URL);

    private CanonicalLimits() {
    }

    /** @throws RecordRejectedException {@code VALUE_TOO_LONG} at the first value over its maximum */
    public static void check(IndexedRecord record) {
        check(record, "");
    }

    private static void check(IndexedRecord record, String prefix) {
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value == null) {
                continue;
            }
            String path = prefix + field.name();
            if (value instanceof CharSequence text) {
                requireLength(path, text, BY_FIELD.getOrDefault(field.name(), TEXT));
            } else if (value instanceof Map<?, ?> map) {
                checkAttributes(path, map);
            } else if (value instanceof IndexedRecord nested) {
                check(nested, path + ".");
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof IndexedRecord nested) {
                        check(nested, path + ".");
                    } else if (item instanceof CharSequence text) {
                        requireLength(path, text, TEXT);
                    }
                }
            }
        }
    }

    private static void checkAttributes(String path, Map<?, ?> map) {
        if (map.size() > MAX_ATTRIBUTES) {
            throw new RecordRejectedException(ErrorCode.VALUE_TOO_LONG, path, path + " has " + map.size()
                    + " entries; at most " + MAX_ATTRIBUTES + " are kept");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (name.length() > ATTRIBUTE_NAME) {
                throw new RecordRejectedException(ErrorCode.VALUE_TOO_LONG, path, "an attribute name of " + name.length()
                        + " characters in " + path + " is longer than the " + ATTRIBUTE_NAME + " allowed");
            }
            if (entry.getValue() instanceof CharSequence text) {
                requireLength(path + "." + name, text, ATTRIBUTE_VALUE);
            }
        }
    }

    private static void requireLength(String path, CharSequence text, int max) {
        int length = text.length();
        if (length > max) {
            throw new RecordRejectedException(ErrorCode.VALUE_TOO_LONG, path, path + " has " + length
                    + " characters; a canonical " + path + " has at most " + max);
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                // Databases and C-string consumers end text at NUL, or refuse it.
                throw new RecordRejectedException(ErrorCode.INVALID_VALUE, path, path + " contains a NUL character at "
                        + i);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    // UTF-8 cannot encode it: Avro would write a '?' in its place.
                    throw new RecordRejectedException(ErrorCode.INVALID_ENCODING, path, path
                            + " contains a lone UTF-16 surrogate at " + i + ", which no UTF-8 text can hold");
                }
                i++;
            }
        }
    }
}
