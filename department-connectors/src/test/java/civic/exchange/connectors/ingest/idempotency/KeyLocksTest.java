package civic.exchange.connectors.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyLocksTest {

    private final KeyLocks locks = new KeyLocks();

    @Test
    void oneHolderPerKeyAndOtherKeysAreFree() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (KeyLocks.Held held = locks.tryAcquire("lighting/k1", Duration.ofSeconds(1))) {
            assertThat(held).isNotNull();
            Future<Boolean> sameKey = other.submit(() -> locks.tryAcquire("lighting/k1", Duration.ofMillis(50)) == null);
            assertThat(sameKey.get(5, TimeUnit.SECONDS)).as("refused while held").isTrue();
            Future<Boolean> otherKey = other.submit(() -> {
                try (KeyLocks.Held h = locks.tryAcquire("lighting/k2", Duration.ofMillis(50))) {
                    return h != null;
                }
            });
            assertThat(otherKey.get(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.shutdownNow();
        }
        assertThat(locks.size()).as("no lock left behind").isZero();
    }

    @Test
    void aWaiterGetsTheLockWhenTheHolderReleasesIt() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        CountDownLatch waiting = new CountDownLatch(1);
        try {
            KeyLocks.Held held = locks.tryAcquire("lighting/k1", Duration.ofSeconds(1));
            Future<Boolean> waiter = other.submit(() -> {
                waiting.countDown();
                try (KeyLocks.Held h = locks.tryAcquire("lighting/k1", Duration.ofSeconds(30))) {
                    return h != null;
                }
            });
            assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
            held.close();
            held.close();
            assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.shutdownNow();
        }
        assertThat(locks.size()).isZero();
    }
}
