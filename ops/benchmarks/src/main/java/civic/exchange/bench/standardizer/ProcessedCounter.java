package civic.exchange.bench.standardizer;

import java.util.concurrent.atomic.AtomicLong;

/** Counts records a variant has fully processed, with the time of the first and of the last. */
final class ProcessedCounter {

    private final AtomicLong count = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;

    void hit() {
        long now = System.nanoTime();
        if (count.getAndIncrement() == 0) {
            firstNanos = now;
        }
        lastNanos = now;
    }

    long count() {
        return count.get();
    }

    /** Seconds from the first processed record to the last: start-up and rebalance excluded. */
    double seconds() {
        return (lastNanos - firstNanos) / 1e9;
    }
}
