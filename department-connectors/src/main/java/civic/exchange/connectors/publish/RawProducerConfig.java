package civic.exchange.connectors.publish;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Producer settings for raw topics: the operator's {@code kafka.*} settings, with the guarantees
 * the connectors rely on (idempotence, acks=all, a transactional id) always enforced.
 */
public final class RawProducerConfig {

    /** Room for headers and record overhead above the largest accepted record. */
    static final int REQUEST_OVERHEAD_BYTES = 64 * 1024;

    private RawProducerConfig() {
    }

    /**
     * @param kafka          the {@code kafka.*} settings (prefix removed); keys a producer does not know are dropped
     * @param transactionalId this producer's transactional id
     * @param maxRecordBytes largest record the connectors accept
     */
    public static Map<String, Object> of(Map<String, Object> kafka, String transactionalId, int maxRecordBytes) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k) && v != null) {
                config.put(k, v);
            }
        });
        // defaults that keep a broken broker from holding an HTTP request for minutes
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes + REQUEST_OVERHEAD_BYTES);
        // guarantees: not overridable
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        return config;
    }
}
