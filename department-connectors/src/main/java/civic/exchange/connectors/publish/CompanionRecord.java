package civic.exchange.connectors.publish;

/**
 * A record of another topic that commits, or not, with a {@link RawBatch}: no bus headers, the
 * producer's partitioner places it by key.
 *
 * @param topic where it goes
 * @param key   its key, or null
 * @param value its value
 */
public record CompanionRecord(String topic, byte[] key, byte[] value) {
}
