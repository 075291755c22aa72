package civic.exchange.streams;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Whether one Kafka Streams instance is making progress, for its readiness check. It is not while
 * <ul>
 *   <li>a record is held back by an infrastructure failure (the handlers report it): from the failure
 *   until a commit on that partition passes the record ({@link CommitProgressInterceptor} reports
 *   commits), so "ready" means the record was processed, not skipped;</li>
 *   <li>a stream thread died and is being replaced ({@link ReplaceThreadWithBackoff} reports it):
 *   until the instance runs again ({@link #running(Set)}, from {@link StreamsHealthListener}).</li>
 * </ul>
 * A held record whose partition a rebalance gave to another instance is not this instance's problem
 * any more: when the instance runs again, {@link #running(Set)} keeps only the held records of the
 * partitions it was given. Between a thread's death and that moment the record still counts.
 *
 * <p>Kafka Streams makes handlers and interceptors from class names, so they find the health of
 * their instance by key, {@code application.id} and {@code application.server}, in a process-wide
 * registry: {@link #of(Map)} from their configuration. The application {@link #register}s a fresh
 * one before it starts Kafka Streams and gives it to its readiness check.
 */
public final class StreamsHealth {

    private static final ConcurrentMap<String, StreamsHealth> INSTANCES = new ConcurrentHashMap<>();

    /** Why the instance is not making progress, and since when; the record held back, if one is. */
    public record Problem(String reason, Instant since, TopicPartition partition, Long offset) {

        /** A one-line account for a readiness answer. */
        public String describe() {
            return partition == null ? reason
                    : "record " + partition + "@" + offset + " held back: " + reason;
        }
    }

    private final Clock clock;
    private final Map<TopicPartition, Problem> held = new ConcurrentHashMap<>();
    private volatile Problem threadFailure;
    private volatile boolean progressSinceThreadFailure = true;

    StreamsHealth(Clock clock) {
        this.clock = clock;
    }

    /** A fresh health for the instance, replacing what an earlier instance of the same key left. */
    public static StreamsHealth register(String applicationId, String applicationServer) {
        StreamsHealth health = new StreamsHealth(Clock.systemUTC());
        INSTANCES.put(key(applicationId, applicationServer), health);
        return health;
    }

    /** The health of the instance whose Kafka Streams (or main consumer) configuration this is. */
    public static StreamsHealth of(Map<String, ?> configs) {
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (applicationId == null) {
            throw new IllegalArgumentException("No " + StreamsConfig.APPLICATION_ID_CONFIG + " in the configuration");
        }
        Object server = configs.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return INSTANCES.computeIfAbsent(key(applicationId.toString(), server == null ? null : server.toString()),
                k -> new StreamsHealth(Clock.systemUTC()));
    }

    static String key(String applicationId, String applicationServer) {
        return applicationId + "@" + (applicationServer == null ? "" : applicationServer.trim());
    }

    /** An infrastructure failure stopped the stream at this record; it is retried, not skipped. */
    public void heldBack(String topic, int partition, long offset, String reason) {
        TopicPartition tp = new TopicPartition(topic, partition);
        held.put(tp, new Problem(reason, clock.instant(), tp, offset));
    }

    /** Offsets the instance committed: a held record at or before them has been processed. */
    public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        progressSinceThreadFailure = true;
        offsets.forEach((tp, committed) -> held.computeIfPresent(tp,
                (p, problem) -> committed != null && committed.offset() > problem.offset() ? null : problem));
    }

    /** A stream thread died with this reason and is being replaced. */
    public void threadFailed(String reason) {
        progressSinceThreadFailure = false;
        threadFailure = new Problem(reason, clock.instant(), null, null);
    }

    /**
     * The instance runs again (every thread has its tasks): a replaced thread is back, and held
     * records of partitions it was not given are another instance's now.
     *
     * @param assigned the partitions of the instance's active tasks now
     */
    public void running(Set<TopicPartition> assigned) {
        threadFailure = null;
        held.keySet().retainAll(assigned);
    }

    /** Whether the instance committed anything since its last thread failure: the failures in a row are over. */
    public boolean progressedSinceThreadFailure() {
        return progressSinceThreadFailure;
    }

    /** Why the instance is not making progress (the oldest held record first), or empty if it is. */
    public Optional<Problem> problem() {
        Optional<Problem> record = held.values().stream().min(Comparator.comparing(Problem::since));
        return record.isPresent() ? record : Optional.ofNullable(threadFailure);
    }
}
