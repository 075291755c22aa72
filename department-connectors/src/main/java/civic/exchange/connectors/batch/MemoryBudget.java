package civic.exchange.connectors.batch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on the bytes of request bodies held in memory at once, across concurrent requests. A
 * request reserves its body's bytes before reading them (all of its declared length up front, or
 * chunk by chunk as read when none is declared) and releases them when it is answered; a
 * reservation that does not fit is refused at once rather than waited for, so a full budget turns
 * into quick "try later" answers instead of an exhausted heap.
 *
 * <p>It counts body bytes: what a request holds besides (its decoded text, its records, the
 * producer's buffers) is a small multiple of them, so size the budget as that multiple's share of
 * the heap.
 */
public final class MemoryBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    /** @param capacity bytes that may be reserved at once; positive */
    public MemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("A memory budget needs a positive capacity, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** A budget nothing exceeds (for tests and tools that bound memory otherwise). */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE);
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes reserved now. */
    public long inUse() {
        return used.get();
    }

    /** A new, empty reservation; close it to give back whatever it reserved. */
    public Reservation reservation() {
        return new Reservation();
    }

    /** Reserves {@code bytes} if they fit; nothing otherwise. */
    boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("Cannot reserve " + bytes + " bytes");
        }
        while (true) {
            long now = used.get();
            if (bytes > capacity - now) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        long after = used.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("Released more than was reserved: " + after);
        }
    }

    /**
     * What one request holds of the budget. Not thread-safe: one request, one thread. Closing it
     * twice releases once.
     */
    public final class Reservation implements AutoCloseable {

        private long held;
        private boolean closed;

        private Reservation() {
        }

        /**
         * Adds {@code bytes} to what this request holds.
         *
         * @return false, holding nothing more, when they do not fit in the budget
         */
        public boolean grow(long bytes) {
            if (closed) {
                throw new IllegalStateException("The reservation is closed");
            }
            if (!tryReserve(bytes)) {
                return false;
            }
            held += bytes;
            return true;
        }

        public long held() {
            return held;
        }

        public MemoryBudget budget() {
            return MemoryBudget.this;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(held);
                held = 0;
            }
        }
    }
}
