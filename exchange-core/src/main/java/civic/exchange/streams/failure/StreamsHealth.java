package civic.exchange.streams.failure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the failure handlers of one Kafka Streams application last saw go wrong with the
 * infrastructure, for its readiness check. The handlers are created by Kafka Streams, not by the
 * service, so they meet the service here, by application id.
 *
 * <p>An infrastructure failure makes the application unready until it has gone a quiet period
 * without another: a registry that is still down fails the retried record again within the retry
 * backoff, so readiness stays DOWN for as long as the outage lasts, and comes back UP by itself.
 */
public final class StreamsHealth {

    /** Longer than the longest retry backoff, so that an outage reads as one continuous failure. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(45);

    private static final Map<String, StreamsHealth> BY_APPLICATION = new ConcurrentHashMap<>();

    private final Clock clock;
    private volatile Duration quietPeriod = DEFAULT_QUIET_PERIOD;
    private volatile Problem problem;

    /** A failure of the infrastructure: what went wrong, and when it last did. */
    public record Problem(String reason, Instant since, Instant last, long failures) {
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
        Problem current = current(now).orElse(null);
        problem = current == null ? new Problem(reason, now, now, 1)
                : new Problem(reason, current.since(), now, current.failures() + 1);
    }

    /** The failure that makes the application unready now, if any. */
    public Optional<Problem> current() {
        return current(clock.instant());
    }

    private Optional<Problem> current(Instant now) {
        Problem p = problem;
        if (p == null || p.last().plus(quietPeriod).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }
}
