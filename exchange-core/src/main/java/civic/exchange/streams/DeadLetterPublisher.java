package civic.exchange.streams;

import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Writes dead letters: the source record's key, value, timestamp and headers as they were, plus the
 * bus's error headers (code, message, stage, source topic, partition and offset), so it can be
 * inspected and re-driven. Each write waits for the broker's acknowledgement: the handler that
 * lets the stream go past a record does so only once its dead letter is safe.
 *
 * <p>Kafka Streams makes a handler per task and never closes it, so the producer is made on the
 * first dead letter and shared by every handler with the same connection settings, closed when the
 * JVM exits.
 */
final class DeadLetterPublisher {

    static final int MAX_MESSAGE = 1000;
    private static final String PRODUCER_PREFIX = "producer.";
    private static final ConcurrentMap<Map<String, Object>, Producer<byte[], byte[]>> SHARED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> SHARED.values().forEach(p -> p.close(Duration.ofSeconds(5))), "dead-letter-producers-close"));
    }

    private final String topic;
    private final String stage;
    private final Map<String, Object> producerConfig;
    private volatile Producer<byte[], byte[]> producer;

    private DeadLetterPublisher(String topic, String stage, Map<String, Object> producerConfig, Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.stage = stage;
        this.producerConfig = producerConfig;
        this.producer = producer;
    }

    /** From a Kafka Streams configuration with {@link StreamsSafetyNet#DLQ_STAGE} (and optionally the topic or a producer). */
    @SuppressWarnings("unchecked")
    static DeadLetterPublisher fromConfigs(Map<String, ?> configs) {
        Object stage = configs.get(StreamsSafetyNet.DLQ_STAGE);
        if (stage == null || stage.toString().isBlank()) {
            throw new IllegalArgumentException("Missing '" + StreamsSafetyNet.DLQ_STAGE
                    + "': the stage whose dead-letter topic records that cannot be read or processed go to");
        }
        Object topic = configs.get(StreamsSafetyNet.DLQ_TOPIC);
        String deadLetterTopic = topic == null || topic.toString().isBlank() ? Topics.dlq(stage.toString().trim()) : topic.toString().trim();
        Object given = configs.get(StreamsSafetyNet.DLQ_PRODUCER);
        if (given != null && !(given instanceof Producer)) {
            throw new IllegalArgumentException("'" + StreamsSafetyNet.DLQ_PRODUCER + "' must be a Producer<byte[], byte[]>, got " + given.getClass().getName());
        }
        return new DeadLetterPublisher(deadLetterTopic, stage.toString().trim(), producerConfig(configs), (Producer<byte[], byte[]>) given);
    }

    /** The application's connection settings (and its {@code producer.} overrides) for a producer that writes at once. */
    static Map<String, Object> producerConfig(Map<String, ?> configs) {
        Map<String, Object> config = new HashMap<>();
        configs.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) && value != null) {
                config.put(key, value);
            }
        });
        configs.forEach((key, value) -> {
            if (key.startsWith(PRODUCER_PREFIX) && value != null) {
                config.put(key.substring(PRODUCER_PREFIX.length()), value);
            }
        });
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-dead-letters");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    String topic() {
        return topic;
    }

    /** Writes the dead letter and waits until the broker has it; any failure to do so is thrown. */
    void publish(FailedRecord failed, ErrorCode code, String message) throws ExecutionException, InterruptedException {
        producer().send(deadLetter(failed, code, message)).get();
    }

    ProducerRecord<byte[], byte[]> deadLetter(FailedRecord failed, ErrorCode code, String message) {
        Headers headers = new RecordHeaders(failed.headers().toArray());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_CODE, code.name());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_MESSAGE, truncate(message));
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_STAGE, stage);
        // Left by an earlier stage if the record was re-driven: they do not describe this failure.
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_FIELD, null);
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC, null);
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC_VERSION, null);
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_TOPIC, failed.topic());
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_PARTITION, Integer.toString(failed.partition()));
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_OFFSET, Long.toString(failed.offset()));
        Long timestamp = failed.timestamp() >= 0 ? failed.timestamp() : null;
        return new ProducerRecord<>(topic, null, timestamp, failed.key(), failed.value(), headers);
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> p = producer;
        if (p == null) {
            p = SHARED.computeIfAbsent(producerConfig, KafkaProducer::new);
            producer = p;
        }
        return p;
    }

    static String truncate(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
