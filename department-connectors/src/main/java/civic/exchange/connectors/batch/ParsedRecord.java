package civic.exchange.connectors.batch;

/**
 * One record cut out of a batch body, ready for the raw topic.
 *
 * @param index       position in the batch, from 0
 * @param localId     the department's own id of the record when cheaply found (becomes the Kafka key), or null
 * @param value       the record's bytes as they go on the raw topic
 * @param contentType media type of {@code value} alone, e.g. {@code application/json}
 */
public record ParsedRecord(int index, String localId, byte[] value, String contentType) {
}
