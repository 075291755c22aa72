package civic.exchange.streams.failure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died, after a backoff that doubles with each failure in a row (up
 * to a maximum) and starts over once the application has gone a while without one. The new thread
 * resumes from the last committed offsets, so the record that failed is tried again: an outage is
 * waited out, not skipped, and the process is never killed for it.
 *
 * <p>Kafka Streams cannot replace its global thread: a failure there stops the client, which the
 * liveness check then reports.
 */
public final class BackoffThreadReplacer implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BackoffThreadReplacer.class);
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);
    /** A failure after this long without one starts the backoff over. */
    static final Duration RESET_AFTER = Duration.ofMinutes(2);

    private final StreamsHealth health;
    private final Clock clock;
    private final Sleeper sleeper;
    private final CountDownLatch released = new CountDownLatch(1);
    private Duration next = FIRST;
    private Instant lastFailure = Instant.MIN;

    /** How the handler waits; a test passes one that does not. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public BackoffThreadReplacer(String applicationId) {
        this(StreamsHealth.of(applicationId), Clock.systemUTC(), null);
    }

    BackoffThreadReplacer(StreamsHealth health, Clock clock, Sleeper sleeper) {
        this.health = health;
        this.clock = clock;
        this.sleeper = sleeper != null ? sleeper : d -> released.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the current and every later wait at once: the application is shutting down. */
    public void release() {
        released.countDown();
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        Duration backoff = nextBackoff();
        String reason = "Stream thread " + Thread.currentThread().getName() + " failed: " + FailureKind.describe(exception);
        health.infrastructureFailed(reason);
        LOG.error("{}; replacing it in {} s", reason, backoff.toSeconds(), exception);
        try {
            // The dying thread waits, not the others: datasets on healthy threads keep flowing.
            sleeper.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    synchronized Duration nextBackoff() {
        Instant now = clock.instant();
        if (lastFailure.plus(RESET_AFTER).isBefore(now)) {
            next = FIRST;
        }
        lastFailure = now;
        Duration backoff = next;
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
        return backoff;
    }
}
