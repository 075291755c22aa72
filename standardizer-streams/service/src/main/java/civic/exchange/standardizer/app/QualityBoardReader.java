package civic.exchange.standardizer.app;

import civic.exchange.standardizer.quality.QualityBoard;
import civic.exchange.topics.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link QualityBoard} up to date from {@code quality.dataset}: every instance reads the
 * whole (small, compacted) topic from its start, with no consumer group, so any instance answers
 * for every dataset whichever task writes its reports. Committed reports only: the standardizer
 * writes them in its exactly-once transactions.
 */
@ApplicationScoped
public class QualityBoardReader {

    private static final Logger LOG = LoggerFactory.getLogger(QualityBoardReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private final QualityBoard board = new QualityBoard();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public QualityBoard board() {
        return board;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "quality-board-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(RETRY.toMillis() * 5);
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = partitions(reader);
                if (partitions.isEmpty()) {
                    // Not provisioned yet: the service waits for its topics at start, this page need not.
                    sleep();
                    continue;
                }
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                        board.accept(record.topic(), record.key(), record.value());
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (KafkaException e) {
                LOG.warn("Reading {} for the quality board failed, retrying: {}", Topics.QUALITY_DATASET, e.toString());
                sleep();
            } finally {
                consumer = null;
            }
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> reader) {
        List<PartitionInfo> infos = reader.partitionsFor(Topics.QUALITY_DATASET, RETRY);
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "standardizer-quality-board");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
