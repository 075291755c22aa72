package civic.exchange.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ReplaceThreadWithBackoffTest {

    private final StreamsHealth health = new StreamsHealth(Clock.systemUTC());

    @Test
    void waitsDoubleWhileFailuresFollowEachOtherAndStopAtTheMaximum() {
        ReplaceThreadWithBackoff handler = new ReplaceThreadWithBackoff(health, Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(waitsOf(handler, 5)).containsExactly(1_000L, 2_000L, 4_000L, 5_000L, 5_000L);
    }

    @Test
    void aCommitStartsTheCountAgain() {
        ReplaceThreadWithBackoff handler = new ReplaceThreadWithBackoff(health, Duration.ofSeconds(1), Duration.ofSeconds(60));
        waitsOf(handler, 3);

        health.committed(Map.of());

        assertThat(waitsOf(handler, 1)).containsExactly(1_000L);
    }

    @Test
    void replacesTheThreadAndReportsWhyItDied() {
        ReplaceThreadWithBackoff handler = new ReplaceThreadWithBackoff(health, Duration.ZERO, Duration.ZERO);

        StreamThreadExceptionResponse response = handler.handle(new StreamsException("task failed", new IllegalStateException("bug")));

        assertThat(response).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(health.problem()).hasValueSatisfying(p ->
                assertThat(p.reason()).isEqualTo("StreamsException: task failed; caused by IllegalStateException: bug"));
    }

    @Test
    void releaseEndsAWaitAtOnce() throws Exception {
        ReplaceThreadWithBackoff handler = new ReplaceThreadWithBackoff(health, Duration.ofMinutes(10), Duration.ofMinutes(10));
        CompletableFuture<StreamThreadExceptionResponse> dying = CompletableFuture.supplyAsync(
                () -> handler.handle(new StreamsException("boom")));
        // still waiting: the thread is not replaced before its backoff
        assertThat(dying).isNotDone();
        await().atMost(Duration.ofSeconds(10)).until(() -> health.problem().isPresent());

        handler.release();

        assertThat(dying.get(10, TimeUnit.SECONDS)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    /** The next {@code n} waits, as if threads failed one after the other without committing. */
    private java.util.List<Long> waitsOf(ReplaceThreadWithBackoff handler, int n) {
        java.util.List<Long> waits = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            waits.add(handler.nextWait().toMillis());
            health.threadFailed("failure " + i);
        }
        return waits;
    }

    @Test
    void theInstanceShuttingDownEndsAWait() throws Exception {
        ReplaceThreadWithBackoff handler = new ReplaceThreadWithBackoff(health, Duration.ofMinutes(10), Duration.ofMinutes(10));
        StreamsHealthListener listener = new StreamsHealthListener(health, handler, () -> {
            throw new IllegalStateException("not asked unless running");
        });
        CompletableFuture<StreamThreadExceptionResponse> dying = CompletableFuture.supplyAsync(
                () -> handler.handle(new StreamsException("boom")));
        await().atMost(Duration.ofSeconds(10)).until(() -> health.problem().isPresent());

        listener.onChange(org.apache.kafka.streams.KafkaStreams.State.REBALANCING, org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        assertThat(dying).isNotDone();
        listener.onChange(org.apache.kafka.streams.KafkaStreams.State.PENDING_SHUTDOWN, org.apache.kafka.streams.KafkaStreams.State.REBALANCING);

        assertThat(dying.get(10, TimeUnit.SECONDS)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
