package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.mapping.api.MappingListener;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How one canonical value is made from a source record, compiled from one spec entry: read the
 * source (or take a constant), run the transforms, convert to the canonical type, fall back to the
 * default. Failures name the source field; with {@code invalid: drop} a bad value is left out and
 * reported to the listener instead of rejecting the record.
 */
public final class ValuePipeline {

    private final String spec;
    private final String field;
    private final ValueSource source;
    private final Object constant;
    private final Transform[] transforms;
    private final Object defaultValue;
    private final boolean required;
    private final boolean dropInvalid;
    private final Converter converter;

    /** A constant: the same canonical value for every record. */
    public static ValuePipeline constant(String field, Object value) {
        return new ValuePipeline(null, field, null, value, List.of(), null, true, false, Converter.IDENTITY);
    }

    /**
     * @param spec         spec id, for the listener
     * @param source       where the value comes from
     * @param defaultValue canonical value used when the source has none, or null
     * @param dropInvalid  a value that fails is left out (and reported) rather than rejecting the record;
     *                     a required field without default still rejects
     */
    public static ValuePipeline of(String spec, ValueSource source, List<Transform> transforms, Object defaultValue,
                                   boolean required, boolean dropInvalid, Converter converter) {
        return new ValuePipeline(spec, source.label(), source, null, transforms, defaultValue, required, dropInvalid,
                converter);
    }

    private ValuePipeline(String spec, String field, ValueSource source, Object constant, List<Transform> transforms,
                          Object defaultValue, boolean required, boolean dropInvalid, Converter converter) {
        this.spec = spec;
        this.field = field;
        this.source = source;
        this.constant = constant;
        this.transforms = transforms.toArray(Transform[]::new);
        this.defaultValue = defaultValue;
        this.required = required;
        this.dropInvalid = dropInvalid;
        this.converter = converter;
    }

    /** What DLQ records name as the field at fault: the first source path, or the canonical name for constants. */
    public String field() {
        return field;
    }

    /** The canonical value, or null when the source has none and none is required. */
    public Object evaluate(JsonNode root, MappingListener listener) {
        if (constant != null) {
            return constant;
        }
        Object value;
        try {
            value = source.read(root);
            for (int i = 0; i < transforms.length && value != null; i++) {
                value = transforms[i].apply(value);
            }
            if (value != null) {
                value = converter.convert(value, listener);
            }
        } catch (InvalidValueException e) {
            String at = e.field() != null ? e.field() : field;
            if (!dropInvalid || required && defaultValue == null) {
                throw new RecordRejectedException(e.code(), at, at + ": " + e.getMessage());
            }
            listener.invalidValue(spec, at, e.code());
            value = null;
        }
        if (value != null) {
            return value;
        }
        if (defaultValue != null) {
            return defaultValue;
        }
        if (required) {
            String absence = source == null ? null : source.absence(root);
            throw new RecordRejectedException(ErrorCode.MISSING_REQUIRED_FIELD, field,
                    field + ": required, but " + (absence != null ? absence : "the record has no value"));
        }
        return null;
    }
}
