package civic.exchange.streams;

import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state listener of the safety net: when the instance runs again, tells its
 * {@link StreamsHealth} which partitions it has now; when it stops, ends any backoff of
 * {@link ReplaceThreadWithBackoff} so shutting down does not wait for it.
 */
public final class StreamsHealthListener implements KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsHealthListener.class);

    private final StreamsHealth health;
    private final ReplaceThreadWithBackoff replaceDeadThreads;
    private final Supplier<KafkaStreams> streams;

    /** @param streams the instance listened to, asked only once it runs (it is made after its listener) */
    public StreamsHealthListener(StreamsHealth health, ReplaceThreadWithBackoff replaceDeadThreads, Supplier<KafkaStreams> streams) {
        this.health = health;
        this.replaceDeadThreads = replaceDeadThreads;
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
            replaceDeadThreads.release();
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
