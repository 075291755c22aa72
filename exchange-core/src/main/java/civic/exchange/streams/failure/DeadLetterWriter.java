package civic.exchange.streams.failure;

import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ErrorHeaders;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the records the failure handlers give up on to the service's dead-letter topic, and waits
 * for the broker's acknowledgement, so a handler lets the stream go on only once the record is safe.
 * One producer per application and cluster, shared by its stream threads and created on first use.
 * A record is sent once per source offset while the process lives; after a restart, a record whose
 * handler sent it just before the crash can be sent again (same source coordinates in its headers).
 */
final class DeadLetterWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);
    private static final Map<String, DeadLetterWriter> BY_APPLICATION = new ConcurrentHashMap<>();
    private static final long SEND_TIMEOUT_SECONDS = 30;

    /** How many source coordinates are remembered as sent. */
    static final int REMEMBERED = 10_000;

    private final String topic;
    private final String stage;
    private final Producer<byte[], byte[]> producer;
    /**
     * Source records sent lately, by coordinates. When a stream thread fails after a handler sent a
     * record, its transaction aborts and the replacement processes the same records again: the
     * same failure must not reach the DLQ twice.
     */
    private final Set<String> sent = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    DeadLetterWriter(String topic, String stage, Producer<byte[], byte[]> producer) {
        this.topic = topic;
        this.stage = stage;
        this.producer = producer;
    }

    /** The writer of the application the handler's configuration belongs to. */
    @SuppressWarnings("unchecked")
    static DeadLetterWriter forConfig(Map<String, ?> configs) {
        StreamsConfig config = new StreamsConfig(configs);
        String application = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        String topic = Objects.requireNonNull(configs.get(StreamsSafetyNet.DLQ_TOPIC),
                "Kafka Streams property " + StreamsSafetyNet.DLQ_TOPIC + " (the dead-letter topic) is not set").toString();
        Object stage = configs.get(StreamsSafetyNet.DLQ_STAGE);
        if (configs.get(StreamsSafetyNet.DLQ_PRODUCER) instanceof Producer<?, ?> given) {
            return new DeadLetterWriter(topic, stage == null ? application : stage.toString(), (Producer<byte[], byte[]>) given);
        }
        String servers = String.join(",", config.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        return BY_APPLICATION.computeIfAbsent(application + "@" + servers + "/" + topic, ignored -> {
            String id = application;
            Map<String, Object> producerConfig = config.getProducerConfigs(id + "-dead-letters");
            producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            return new DeadLetterWriter(topic, stage == null ? id : stage.toString(),
                    new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer()));
        });
    }

    /**
     * Sends the source record with the reason in its error headers and waits until it is written.
     *
     * @throws DeadLetterFailedException when the DLQ cannot be written: the caller must not go on
     */
    void send(byte[] key, byte[] value, Headers sourceHeaders, ErrorCode code, String message,
              String sourceTopic, int partition, long offset) {
        String coordinates = sourceTopic + "-" + partition + "@" + offset;
        synchronized (sent) {
            if (partition >= 0 && offset >= 0 && sent.contains(coordinates)) {
                LOG.info("The record at {} is in {} already: not sent again", coordinates, topic);
                return;
            }
        }
        Headers headers = new RecordHeaders(sourceHeaders == null ? new org.apache.kafka.common.header.Header[0]
                : sourceHeaders.toArray());
        ErrorHeaders.put(headers, code, message, null, stage, sourceTopic, partition, offset);
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            synchronized (sent) {
                sent.add(coordinates);
            }
            LOG.warn("Sent the record at {} to {}: {} {}", coordinates, topic, code, message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailedException(topic, e);
        } catch (ExecutionException e) {
            throw new DeadLetterFailedException(topic, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new DeadLetterFailedException(topic, e);
        }
    }

    String stage() {
        return stage;
    }
}
