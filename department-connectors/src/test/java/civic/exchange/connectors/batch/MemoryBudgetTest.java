package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void reservationsFitOrAreRefusedWholeAndAreGivenBackOnClose() {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation a = budget.reservation();
        MemoryBudget.Reservation b = budget.reservation();

        assertThat(a.grow(60)).isTrue();
        assertThat(b.grow(41)).as("would pass the budget").isFalse();
        assertThat(b.held()).isZero();
        assertThat(b.grow(40)).isTrue();
        assertThat(budget.inUse()).isEqualTo(100);

        a.close();
        a.close();
        assertThat(budget.inUse()).as("released once").isEqualTo(40);
        assertThat(b.grow(60)).isTrue();
        b.close();
        assertThat(budget.inUse()).isZero();
        assertThatThrownBy(() -> b.grow(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBudgetNeedsACapacity() {
        assertThatThrownBy(() -> new MemoryBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Threads reserving and releasing at once never take more than the budget together, and what
     * they take is all given back.
     */
    @Test
    void concurrentRequestsNeverHoldMoreThanTheBudgetTogether() throws Exception {
        int threads = 8;
        int rounds = 20_000;
        MemoryBudget budget = new MemoryBudget(1000);
        AtomicLong held = new AtomicLong();
        AtomicLong mostHeld = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                running.add(pool.submit(() -> {
                    start.await();
                    // each thread holds up to four reservations at once: alone it may ask more than the budget
                    Deque<MemoryBudget.Reservation> open = new ArrayDeque<>();
                    for (int i = 0; i < rounds; i++) {
                        if (open.size() == 4) {
                            MemoryBudget.Reservation oldest = open.removeFirst();
                            held.addAndGet(-oldest.held());
                            oldest.close();
                        }
                        long size = 1 + (seed * 131L + i * 17L) % 300;
                        MemoryBudget.Reservation reservation = budget.reservation();
                        if (reservation.grow(size)) {
                            mostHeld.accumulateAndGet(held.addAndGet(size), Math::max);
                            open.addLast(reservation);
                        } else {
                            refused.incrementAndGet();
                            reservation.close();
                        }
                    }
                    for (MemoryBudget.Reservation reservation : open) {
                        held.addAndGet(-reservation.held());
                        reservation.close();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostHeld.get()).isLessThanOrEqualTo(1000);
        assertThat(budget.inUse()).isZero();
        // up to four reservations of up to 300 bytes per thread against 1000: some must have been refused
        assertThat(refused.get()).isPositive();
    }
}
