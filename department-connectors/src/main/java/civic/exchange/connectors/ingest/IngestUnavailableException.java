package civic.exchange.connectors.ingest;

import civic.exchange.errors.ErrorCode;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bus cannot take the request now, through no fault of the sender, and nothing of it was
 * written: transports answer 503 with the time to wait before a retry (HTTP: {@code Retry-After}).
 */
public class IngestUnavailableException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;
    private final Map<String, Object> details;

    public IngestUnavailableException(ErrorCode code, String message, Duration retryAfter, Map<String, Object> details,
                                      Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryAfter = retryAfter;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public ErrorCode code() {
        return code;
    }

    /** How long the sender should wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Further fields of the answer, in order; never null. */
    public Map<String, Object> details() {
        return details;
    }
}
