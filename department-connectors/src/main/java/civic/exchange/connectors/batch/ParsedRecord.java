package civic.exchange.connectors.batch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record cut out of a batch body, ready for the raw topic.
 *
 * @param index       position in the batch, from 0
 * @param localId     the department's own id of the record when cheaply found (becomes the Kafka key), or null
 * @param value       the record's bytes as they go on the raw topic
 * @param contentType media type of {@code value} alone, e.g. {@code application/json}
 * @param headers     format-specific Kafka headers the record carries besides the bus headers (e.g. a
 *                    CSV row's header row), in order; never null. The bus headers
 *                    ({@code civic.exchange.headers.ExchangeHeaders}) cannot be overridden through it.
 */
public record ParsedRecord(int index, String localId, byte[] value, String contentType, Map<String, byte[]> headers) {

    public ParsedRecord {
        headers = headers == null || headers.isEmpty() ? Map.of()
                // one header (a CSV row's header row): Map.copyOf keeps a Map.of as it is, shared by every row
                : headers.size() == 1 ? Map.copyOf(headers)
                : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A record without format-specific headers. */
    public ParsedRecord(int index, String localId, byte[] value, String contentType) {
        this(index, localId, value, contentType, Map.of());
    }
}
