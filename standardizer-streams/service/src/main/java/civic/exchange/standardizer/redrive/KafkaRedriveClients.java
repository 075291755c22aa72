package civic.exchange.standardizer.redrive;

import civic.exchange.topics.TopicLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The Kafka clients a {@link DlqRedriver} runs on, from common client settings (bootstrap servers, security). */
public final class KafkaRedriveClients {

    private KafkaRedriveClients() {
    }

    /**
     * @param client  settings every client gets, at least {@code bootstrap.servers}
     * @param prefix  of progress groups and transactional ids, e.g. {@code standardizer.redrive}
     * @param timeout of one re-drive
     */
    public static DlqRedriver redriver(Map<String, Object> client, String prefix, Duration timeout) {
        return new DlqRedriver(() -> consumer(client), id -> producer(client, id), committedOffsets(client, timeout),
                prefix, timeout);
    }

    static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> client) {
        Map<String, Object> config = new HashMap<>(client);
        // No group: the re-driver seeks where its progress groups are; offsets go in its transactions.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client, String transactionalId) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // A raw record may be 1 MiB plus headers (the raw topics take that much).
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicLimits.RAW_MAX_MESSAGE_BYTES);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static CommittedOffsets committedOffsets(Map<String, Object> client, Duration timeout) {
        return (groups, partitions) -> {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            for (String group : groups) {
                specs.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(List.copyOf(partitions)));
            }
            try (Admin admin = Admin.create(client)) {
                // requireStable: offsets of a re-drive transaction still completing are waited for, not missed.
                Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = admin
                        .listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().requireStable(true))
                        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Map<String, Map<TopicPartition, Long>> result = new HashMap<>();
                offsets.forEach((group, byPartition) -> {
                    Map<TopicPartition, Long> positions = new HashMap<>();
                    byPartition.forEach((tp, offset) -> {
                        if (offset != null) {
                            positions.put(tp, offset.offset());
                        }
                    });
                    result.put(group, positions);
                });
                return result;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while reading the re-drive progress", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new KafkaException("Cannot read the re-drive progress (consumer groups " + groups + "): "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
            }
        };
    }
}
