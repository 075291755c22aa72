package civic.exchange.connectors.ingest.idempotency;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key, held while a request with that key is looked up, written and remembered, so
 * concurrent requests with the same key in one instance run one after the other: the second finds
 * the first's answer. A key's lock exists only while someone holds or waits for it.
 */
public final class KeyLocks {

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits up to {@code timeout} for the key's lock.
     *
     * @return the held lock, or null when another holder kept it longer than {@code timeout}
     */
    public Held tryAcquire(String key, Duration timeout) throws InterruptedException {
        Entry entry = locks.compute(key, (k, current) -> {
            Entry e = current == null ? new Entry() : current;
            e.users++;
            return e;
        });
        boolean locked = false;
        try {
            locked = entry.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!locked) {
                leave(key);
            }
        }
        if (!locked) {
            return null;
        }
        return new Held() {
            private boolean released;

            @Override
            public void close() {
                if (!released) {
                    released = true;
                    entry.lock.unlock();
                    leave(key);
                }
            }
        };
    }

    /** Keys with a lock held or waited for (for tests). */
    int size() {
        return locks.size();
    }

    private void leave(String key) {
        locks.compute(key, (k, e) -> --e.users == 0 ? null : e);
    }
}
