package civic.exchange.streams.failure;

import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A state listener for the safety net: when the instance runs again, tells its
 * {@link StreamsHealth} which partitions it has now (held records of the others are another
 * instance's); when it stops, ends any wait of {@link BackoffThreadReplacer} so shutting down does
 * not wait for it.
 */
public final class StreamsHealthListener implements KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsHealthListener.class);

    private final StreamsHealth health;
    private final BackoffThreadReplacer replacer;
    private final Supplier<KafkaStreams> streams;

    /** @param streams the instance listened to, asked only once it runs (it is made after its listener) */
    public StreamsHealthListener(StreamsHealth health, BackoffThreadReplacer replacer, Supplier<KafkaStreams> streams) {
        this.health = health;
        this.replacer = replacer;
        this.streams = streams;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.RUNNING) {
            try {
                health.running(activePartitions(streams.get()));
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the instance's partitions after it started running: {}", e.toString());
            }
        } else if (!newState.isRunningOrRebalancing()) {
            replacer.release();
        }
    }

    /** The partitions of the instance's active tasks. */
    public static Set<TopicPartition> activePartitions(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
    }
}
