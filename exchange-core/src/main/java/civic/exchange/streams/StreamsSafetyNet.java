package civic.exchange.streams;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings that keep a Kafka Streams application going whatever its input holds and whatever
 * its infrastructure does: records it cannot read or process go to the stage's dead-letter topic
 * ({@code dlq.<stage>}) with the reason and the source coordinates, infrastructure failures stop the
 * stream at the record (never skipping it) and count against readiness until a commit passes it.
 *
 * <p>Add {@link #settings(String)} to the application's Kafka Streams configuration (a Quarkus
 * application lists the same keys under {@code kafka-streams.}), and give Kafka Streams a
 * {@link ReplaceThreadWithBackoff} as its uncaught exception handler and a state listener calling
 * {@link StreamsHealth#running()} and, when it stops, {@link ReplaceThreadWithBackoff#release()}.
 */
public final class StreamsSafetyNet {

    /** The stage whose dead-letter topic failed records go to, e.g. {@code facility-events}: required. */
    public static final String DLQ_STAGE = "exchange.dlq.stage";
    /** The dead-letter topic, if not {@code dlq.<stage>}. */
    public static final String DLQ_TOPIC = "exchange.dlq.topic";
    /**
     * A {@code Producer<byte[], byte[]>} instance to write dead letters with, instead of one made from
     * the application's connection settings: for tests, or to share a producer.
     */
    public static final String DLQ_PRODUCER = "exchange.dlq.producer";

    private StreamsSafetyNet() {
    }

    /** The handler, interceptor and stage settings, keyed as Kafka Streams reads them. */
    public static Map<String, String> settings(String stage) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        settings.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        settings.put(StreamsConfig.MAIN_CONSUMER_PREFIX + ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, CommitProgressInterceptor.class.getName());
        settings.put(DLQ_STAGE, stage);
        return settings;
    }
}
