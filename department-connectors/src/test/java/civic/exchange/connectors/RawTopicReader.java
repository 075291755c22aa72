package civic.exchange.connectors;

import static org.awaitility.Awaitility.await;

import civic.exchange.headers.CsvHeaderRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a raw topic as the standardizer does (read_committed, so aborted batches are invisible),
 * from a mark set before the request under test.
 */
public final class RawTopicReader implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final String bootstrapServers;

    public RawTopicReader(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        mark();
    }

    /** Creates the topic unless it exists; the local bus does not create topics on first use. */
    public static void createTopic(String bootstrapServers, String topic, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** From now on, read only what is committed after this point. */
    public void mark() {
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Committed end offsets (the last stable offsets, under read_committed). */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /**
     * Every record committed since the mark, read up to the end of every partition once all
     * transactions on it are settled. Call it after the request under test was answered. The
     * coordinator writes commit and abort markers after it answers the producer, so until they land
     * the last stable offset can still sit before a batch that was already acknowledged.
     */
    public List<ConsumerRecord<byte[], byte[]>> readToEnd() {
        Map<TopicPartition, Long> end = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            end.clear();
            end.putAll(endOffsets());
            return end.equals(logEndOffsets());
        });
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                read.add(record);
            }
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return read;
    }

    /** Log end offsets including uncommitted and aborted records and transaction markers. */
    public Map<TopicPartition, Long> logEndOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
                    .forEach((p, info) -> offsets.put(p, info.offset()));
            return offsets;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code count} committed records since the mark, in the order polled (ordered per partition only). */
    public List<ConsumerRecord<byte[], byte[]>> read(int count) {
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read.add(record);
            }
            return read.size() >= count;
        });
        return read;
    }

    /** The dataset's records among those read: without CSV header records. */
    public static List<ConsumerRecord<byte[], byte[]>> dataRecords(List<ConsumerRecord<byte[], byte[]>> read) {
        return read.stream().filter(r -> !CsvHeaderRecords.isHeaderRecord(r.headers())).toList();
    }

    /** The CSV header records among those read. */
    public static List<ConsumerRecord<byte[], byte[]>> headerRecords(List<ConsumerRecord<byte[], byte[]>> read) {
        return read.stream().filter(r -> CsvHeaderRecords.isHeaderRecord(r.headers())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
