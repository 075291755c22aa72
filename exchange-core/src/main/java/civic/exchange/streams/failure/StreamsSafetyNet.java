package civic.exchange.streams.failure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The failure handling every streams service of the bus sets: the three record-level handlers
 * below, plus {@link BackoffThreadReplacer} as the uncaught exception handler.
 *
 * <ul>
 *   <li>a record that cannot be read, processed or serialized goes to the service's dead-letter
 *       topic with the reason in the error headers, and the stream goes on;</li>
 *   <li>a failure of the infrastructure (schema registry, brokers) fails the stream thread, which
 *       is replaced after a growing backoff and starts again from the last committed offsets: the
 *       record is retried, never skipped, and readiness reads DOWN with the reason meanwhile
 *       ({@link StreamsHealth}).</li>
 * </ul>
 *
 * <p>A DLQ record written by these handlers is sent by a producer of their own, outside the
 * stream's transaction, before the stream goes on: should the transaction then abort, the record
 * can reach the DLQ twice, recognisable by the same source coordinates in its headers. Failures a
 * service foresees (a record refused by its mapping, one too large for its topic) are better sent
 * to the DLQ by the topology itself, inside the transaction.
 */
public final class StreamsSafetyNet {

    /** The dead-letter topic of the service, e.g. {@code dlq.standardizer}. */
    public static final String DLQ_TOPIC = "exchange.dlq.topic";
    /** The stage named in the DLQ records' {@code exchange.error.stage} header. */
    public static final String DLQ_STAGE = "exchange.dlq.stage";
    /**
     * A {@code Producer<byte[], byte[]>} instance to write the DLQ with, instead of one made from the
     * application's settings: for tests without a broker (TopologyTestDriver), or to share a producer.
     */
    public static final String DLQ_PRODUCER = "exchange.dlq.producer";

    private StreamsSafetyNet() {
    }

    /** The Kafka Streams properties that install the handlers, writing to {@code dlqTopic}. */
    public static Map<String, Object> properties(String dlqTopic, String stage) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        properties.put(DLQ_TOPIC, dlqTopic);
        properties.put(DLQ_STAGE, stage);
        return properties;
    }

    /**
     * The Kafka Streams property that reports the application's commits to its {@link StreamsHealth}
     * ({@link CommitProgressInterceptor}): readiness then follows a held record exactly, DOWN until a
     * commit passes it, instead of a quiet period after the last failure.
     */
    public static Map<String, Object> commitTracking() {
        return Map.of(StreamsConfig.MAIN_CONSUMER_PREFIX + ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
                CommitProgressInterceptor.class.getName());
    }
}
