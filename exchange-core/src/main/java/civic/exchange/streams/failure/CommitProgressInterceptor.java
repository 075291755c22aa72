package civic.exchange.streams.failure;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tells the application's {@link StreamsHealth} what its main consumer commits, so a record held
 * back by an infrastructure failure stops counting against readiness exactly when a commit passes
 * it. Installed as {@code main.consumer.interceptor.classes} ({@link StreamsSafetyNet#commitTracking()}).
 */
public final class CommitProgressInterceptor implements ConsumerInterceptor<byte[], byte[]> {

    private StreamsHealth health;

    @Override
    public void configure(Map<String, ?> configs) {
        // Kafka Streams hands its main consumer the application id.
        health = StreamsHealth.of(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)));
        health.trackCommits();
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        health.committed(offsets);
    }

    @Override
    public void close() {
    }
}
