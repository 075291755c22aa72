package civic.exchange.standardizer.mapping;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How one canonical value is made from a source record, compiled from one spec entry: read the
 * first present of the source paths (or take a constant), run the transforms, fall back to the
 * default, convert to the canonical type. Failures name the source field.
 */
public final class ValuePipeline {

    private final String field;
    private final SourcePath[] paths;
    private final Object constant;
    private final Transform[] transforms;
    private final Object defaultValue;
    private final boolean required;
    private final Converter converter;

    /**
     * @param field        what DLQ records name as the field at fault: the first source path, or the
     *                     canonical name for constants
     * @param paths        source paths tried in order; empty for a constant
     * @param constant     canonical value used for every record, or null
     * @param defaultValue canonical value used when the source has none, or null
     */
    public ValuePipeline(String field, List<SourcePath> paths, Object constant, List<Transform> transforms,
                         Object defaultValue, boolean required, Converter converter) {
        this.field = field;
        this.paths = paths.toArray(SourcePath[]::new);
        this.constant = constant;
        this.transforms = transforms.toArray(Transform[]::new);
        this.defaultValue = defaultValue;
        this.required = required;
        this.converter = converter;
    }

    public String field() {
        return field;
    }

    /** The canonical value, or null when the source has none and none is required. */
    public Object evaluate(JsonNode root, MappingListener listener) {
        if (constant != null) {
            return constant;
        }
        try {
            Object value = read(root);
            for (int i = 0; i < transforms.length && value != null; i++) {
                value = transforms[i].apply(value);
            }
            if (value == null) {
                if (defaultValue != null) {
                    return defaultValue;
                }
                if (required) {
                    throw new RecordRejectedException(ErrorCode.MISSING_REQUIRED_FIELD, field,
                            field + ": required, but the record has no value");
                }
                return null;
            }
            return converter.convert(value, listener);
        } catch (InvalidValueException e) {
            throw new RecordRejectedException(e.code(), field, field + ": " + e.getMessage());
        }
    }

    private Object read(JsonNode root) {
        for (SourcePath path : paths) {
            Object value = Values.fromJson(path.at(root));
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
