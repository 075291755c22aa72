package civic.exchange.connectors.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record bound for a raw topic.
 *
 * @param recordId    value of the {@code exchange.record-id} header
 * @param key         Kafka key (the department's local id), or null
 * @param value       the record's bytes
 * @param contentType value of the {@code exchange.content-type} header
 * @param headers     further headers of the record's format (e.g. {@code exchange.csv-header}, which the
 *                    publisher writes once per partition rather than on the record), in
 *                    order; never null. A bus header of the same name wins over one given here.
 */
public record RawRecord(String recordId, String key, byte[] value, String contentType, Map<String, byte[]> headers) {

    public RawRecord {
        headers = headers == null || headers.isEmpty() ? Map.of()
                // one header (a CSV row's header row): Map.copyOf keeps a Map.of as it is, shared by every row
                : headers.size() == 1 ? Map.copyOf(headers)
                : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public RawRecord(String recordId, String key, byte[] value, String contentType) {
        this(recordId, key, value, contentType, Map.of());
    }
}
