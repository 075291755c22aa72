package civic.exchange.streams;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread that died is replaced, never left dead and never taking the instance down: the
 * record it stopped at is read again by its successor. Before replacing it the dying thread waits,
 * longer after each failure in a row (doubling from {@code initial} up to {@code max}), so an
 * outage is retried calmly instead of in a tight loop; the count starts again once the instance
 * commits. The failure is reported to the instance's {@link StreamsHealth} for readiness.
 *
 * <p>The dying thread keeps its partitions while it waits (its consumer is still in the group), so
 * no other thread or instance takes them meanwhile. {@link #release()} ends every wait at once; call
 * it when the instance shuts down.
 */
public final class ReplaceThreadWithBackoff implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReplaceThreadWithBackoff.class);

    private final StreamsHealth health;
    private final Duration initial;
    private final Duration max;
    private final CountDownLatch released = new CountDownLatch(1);
    private int failuresInARow;

    public ReplaceThreadWithBackoff(StreamsHealth health, Duration initial, Duration max) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff must be 0 <= initial <= max, got " + initial + " and " + max);
        }
        this.health = health;
        this.initial = initial;
        this.max = max;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        Duration wait = nextWait();
        String reason = InfrastructureFailures.describe(failure);
        health.threadFailed(reason);
        LOG.error("Stream thread failed ({} in a row): {}. Replacing it in {} ms; the records it had not committed are read again.",
                failuresInARow, reason, wait.toMillis(), failure);
        try {
            released.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Ends the current and every later wait: the instance is shutting down. */
    public void release() {
        released.countDown();
    }

    synchronized Duration nextWait() {
        failuresInARow = health.progressedSinceThreadFailure() ? 1 : failuresInARow + 1;
        long factor = 1L << Math.min(failuresInARow - 1, 20);
        long ms = initial.toMillis() * factor;
        return ms >= max.toMillis() || ms < 0 ? max : Duration.ofMillis(ms);
    }
}
