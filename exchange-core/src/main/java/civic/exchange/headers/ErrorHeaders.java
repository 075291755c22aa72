package civic.exchange.headers;

import civic.exchange.errors.ErrorCode;
import org.apache.kafka.common.header.Headers;

/**
 * The error headers a dead-letter record carries: why it was refused, by which stage, and where
 * it was read from, so that it can be inspected, counted and re-driven.
 */
public final class ErrorHeaders {

    /** Longer messages are cut: a header is read by people, and the record stays bounded. */
    public static final int MAX_MESSAGE = 1000;

    private ErrorHeaders() {
    }

    /**
     * Replaces the error headers of {@code headers}.
     *
     * @param field     the source field at fault; null when the record as a whole is
     * @param partition the source partition, -1 when unknown
     * @param offset    the source offset, -1 when unknown
     */
    public static Headers put(Headers headers, ErrorCode code, String message, String field, String stage,
                              String topic, int partition, long offset) {
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_CODE, code.name());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_MESSAGE, truncate(message));
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_STAGE, stage);
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_FIELD, field);
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_TOPIC, topic);
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_PARTITION, Integer.toString(partition));
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    static String truncate(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
