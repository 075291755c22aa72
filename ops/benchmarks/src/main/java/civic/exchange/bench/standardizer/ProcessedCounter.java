package civic.exchange.bench.standardizer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts records a variant has fully processed, with the time of the first and of the last. */
final class ProcessedCounter {

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile long firstNanos;
    private volatile long lastNanos;
    private final String applicationId;
    private volatile ThreadCpu cpuAtFirst;
    /** What a variant made of its records, kept so that the JIT cannot drop the work that made it. */
    private long sink;

    /** @param applicationId the variant's Kafka Streams application id, which its thread names contain */
    ProcessedCounter(String applicationId) {
        this.applicationId = applicationId;
    }

    void hit() {
        long now = System.nanoTime();
        if (count.getAndIncrement() == 0) {
            firstNanos = now;
            // start-up (the global stores' bootstrap among it) is over: measure CPU from here
            cpuAtFirst = ThreadCpu.of(applicationId);
        }
        lastNanos = now;
    }

    /** Keeps a value the variant computed; called from its one stream thread. */
    void consume(long value) {
        sink += value;
    }

    /** A record the variant sent to the DLQ: processed, and counted as such. */
    void reject() {
        rejected.incrementAndGet();
        hit();
    }

    long rejected() {
        return rejected.get();
    }

    long count() {
        return count.get();
    }

    /** CPU microseconds per record of the application's threads, by kind, since the first record. */
    Map<String, Double> cpuMicrosPerRecord() {
        return ThreadCpu.of(applicationId).microsPerRecordSince(cpuAtFirst, count());
    }

    /** Seconds from the first processed record to the last: start-up and rebalance excluded. */
    double seconds() {
        return (lastNanos - firstNanos) / 1e9;
    }
}
