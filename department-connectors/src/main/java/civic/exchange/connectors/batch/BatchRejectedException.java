package civic.exchange.connectors.batch;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole batch is refused before anything is written. Besides the code and message it carries
 * details an integrator needs to find the fault (line, column, record index, byte offset, limit),
 * which transport adapters copy into their answer.
 */
public class BatchRejectedException extends RecordRejectedException {

    private final Map<String, Object> details;

    public BatchRejectedException(ErrorCode code, String message) {
        this(code, null, message, Map.of(), null);
    }

    public BatchRejectedException(ErrorCode code, String message, Map<String, Object> details) {
        this(code, null, message, details, null);
    }

    public BatchRejectedException(ErrorCode code, String field, String message, Map<String, Object> details, Throwable cause) {
        super(code, field, message, cause);
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** Where the fault is, in insertion order (e.g. line, column, recordIndex); never null. */
    public Map<String, Object> details() {
        return details;
    }

    /** Small builder for detail maps that keeps order and skips null values. */
    public static Details detail() {
        return new Details();
    }

    public static final class Details {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Details with(String name, Object value) {
            if (value != null) {
                values.put(name, value);
            }
            return this;
        }

        public Map<String, Object> map() {
            return values;
        }
    }
}
