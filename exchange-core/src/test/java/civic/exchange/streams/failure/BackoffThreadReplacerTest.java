package civic.exchange.streams.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class BackoffThreadReplacerTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<Duration> slept = new ArrayList<>();
    private final StreamsHealth health = new StreamsHealth(clock);
    private final BackoffThreadReplacer replacer = new BackoffThreadReplacer(health, clock, slept::add);

    @Test
    void replacesTheThreadAfterABackoffThatDoublesUpToTheMaximum() {
        for (int i = 0; i < 7; i++) {
            assertThat(replacer.handle(new IllegalStateException("registry down")))
                    .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            now = now.plusSeconds(5);
        }
        assertThat(slept).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void startsOverAfterAQuietWhile() {
        replacer.handle(new IllegalStateException("a"));
        replacer.handle(new IllegalStateException("b"));
        now = now.plus(BackoffThreadReplacer.RESET_AFTER).plusSeconds(1);
        replacer.handle(new IllegalStateException("c"));
        assertThat(slept).extracting(Duration::toSeconds).containsExactly(1L, 2L, 1L);
    }

    @Test
    void makesTheApplicationUnreadyWithTheReasonUntilItHasBeenQuiet() {
        health.quietPeriod(Duration.ofSeconds(45));
        assertThat(health.current()).isEmpty();
        replacer.handle(new IllegalStateException("registry down"));
        now = now.plusSeconds(10);
        replacer.handle(new IllegalStateException("registry still down"));
        assertThat(health.current()).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).contains("IllegalStateException: registry still down");
            assertThat(problem.failures()).isEqualTo(2);
            assertThat(problem.since()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        });
        now = now.plusSeconds(44);
        assertThat(health.current()).isPresent();
        now = now.plusSeconds(2);
        assertThat(health.current()).isEmpty();
    }

    @Test
    void theApplicationShuttingDownEndsAWaitAtOnce() throws Exception {
        BackoffThreadReplacer waiting = new BackoffThreadReplacer(health, clock, null);
        StreamsHealthListener listener = new StreamsHealthListener(health, waiting, () -> {
            throw new IllegalStateException("asked only once running");
        });
        java.util.concurrent.CompletableFuture<StreamThreadExceptionResponse> dying =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> waiting.handle(new IllegalStateException("registry down")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> health.current().isPresent());

        listener.onChange(org.apache.kafka.streams.KafkaStreams.State.REBALANCING, org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        assertThat(dying).as("a rebalance is no shutdown: still waiting").isNotDone();
        listener.onChange(org.apache.kafka.streams.KafkaStreams.State.PENDING_SHUTDOWN, org.apache.kafka.streams.KafkaStreams.State.REBALANCING);

        assertThat(dying.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}
