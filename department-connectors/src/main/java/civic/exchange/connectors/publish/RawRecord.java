package civic.exchange.connectors.publish;

/**
 * One record bound for a raw topic.
 *
 * @param recordId    value of the {@code exchange.record-id} header
 * @param key         Kafka key (the department's local id), or null
 * @param value       the record's bytes
 * @param contentType value of the {@code exchange.content-type} header
 */
public record RawRecord(String recordId, String key, byte[] value, String contentType) {
}
