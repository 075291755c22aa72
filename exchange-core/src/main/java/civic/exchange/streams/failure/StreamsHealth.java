package civic.exchange.streams.failure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the failure handlers of one Kafka Streams application last saw go wrong with the
 * infrastructure, for its readiness check. The handlers are created by Kafka Streams, not by the
 * service, so they meet the service here, by application id.
 *
 * <p>An infrastructure failure makes the application unready until it has gone a quiet period
 * without another: a registry that is still down fails the retried record again within the retry
 * backoff, so readiness stays DOWN for as long as the outage lasts, and comes back UP by itself.
 *
 * <p>An application that also installs {@link CommitProgressInterceptor} ({@link StreamsSafetyNet#commitTracking()})
 * gets an exact answer instead: a record held back by an infrastructure failure keeps it unready
 * until a commit on that partition passes the record, however long the retries take; once a commit
 * leaves nothing held, the application is ready at once. A held record whose partition a rebalance
 * gave to another instance is dropped when the instance runs again ({@link #running(Set)}, from
 * {@link StreamsHealthListener}): it is that instance's to report.
 */
public final class StreamsHealth {

    /** Longer than the longest retry backoff, so that an outage reads as one continuous failure. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(45);

    private static final Map<String, StreamsHealth> BY_APPLICATION = new ConcurrentHashMap<>();

    private final Clock clock;
    private volatile Duration quietPeriod = DEFAULT_QUIET_PERIOD;
    private volatile Problem problem;
    private final Map<TopicPartition, Held> held = new ConcurrentHashMap<>();
    private volatile boolean commitsTracked;

    /** A failure of the infrastructure: what went wrong, and when it last did. */
    public record Problem(String reason, Instant since, Instant last, long failures) {
    }

    /** A record the infrastructure held back, to be read again. */
    private record Held(long offset, Problem problem) {
    }

    StreamsHealth(Clock clock) {
        this.clock = clock;
    }

    public static StreamsHealth of(String applicationId) {
        return BY_APPLICATION.computeIfAbsent(applicationId, id -> new StreamsHealth(Clock.systemUTC()));
    }

    /** How long after its last infrastructure failure the application reads as ready again. */
    public StreamsHealth quietPeriod(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("The quiet period must be positive, not " + period);
        }
        this.quietPeriod = period;
        return this;
    }

    /** Records an infrastructure failure; the reason replaces the previous one. */
    public synchronized void infrastructureFailed(String reason) {
        Instant now = clock.instant();
        Problem current = timed(now).orElse(null);
        problem = current == null ? new Problem(reason, now, now, 1)
                : new Problem(reason, current.since(), now, current.failures() + 1);
    }

    /**
     * An infrastructure failure stopped the stream at this record, which is read again, not skipped;
     * with commit tracking it counts until a commit passes it.
     */
    public synchronized void heldBack(String topic, int partition, long offset, String reason) {
        infrastructureFailed(reason);
        TopicPartition tp = new TopicPartition(topic, partition);
        Held earlier = held.get(tp);
        Instant since = earlier != null && earlier.offset() == offset ? earlier.problem().since() : problem.last();
        long failures = earlier != null && earlier.offset() == offset ? earlier.problem().failures() + 1 : 1;
        held.put(tp, new Held(offset, new Problem("record " + tp + "@" + offset + " held back: " + reason, since, problem.last(), failures)));
    }

    /** From {@link CommitProgressInterceptor}: commits are reported, so held records can be followed exactly. */
    public void trackCommits() {
        commitsTracked = true;
    }

    /**
     * Offsets the application committed: a held record before them has been processed. A commit
     * that leaves nothing held means the application makes progress again.
     */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, committed) -> held.computeIfPresent(tp,
                (p, record) -> committed != null && committed.offset() > record.offset() ? null : record));
        if (commitsTracked && held.isEmpty()) {
            problem = null;
        }
    }

    /**
     * The instance runs again: held records of partitions it was not given are another instance's now.
     *
     * @param assigned the partitions of the instance's active tasks now
     */
    public void running(Set<TopicPartition> assigned) {
        held.keySet().retainAll(assigned);
    }

    /** The failure that makes the application unready now, if any: the oldest held record first. */
    public Optional<Problem> current() {
        if (commitsTracked) {
            Optional<Problem> record = held.values().stream().map(Held::problem).min(Comparator.comparing(Problem::since));
            if (record.isPresent()) {
                return record;
            }
        }
        return timed(clock.instant());
    }

    private Optional<Problem> timed(Instant now) {
        Problem p = problem;
        if (p == null || p.last().plus(quietPeriod).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }
}
