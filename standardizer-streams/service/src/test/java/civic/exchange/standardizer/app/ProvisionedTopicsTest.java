package civic.exchange.standardizer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProvisionedTopicsTest {

    private static final Duration POLL = Duration.ofMillis(10);

    @Test
    void waitsUntilEveryTopicExistsThroughAnUnreachableCluster() {
        AtomicInteger calls = new AtomicInteger();
        ProvisionedTopics.await(wait -> switch (calls.incrementAndGet()) {
            case 1 -> throw new TimeoutException("no broker yet");
            case 2 -> Set.of("raw.a.b");
            default -> Set.of("raw.a.b", "dlq.standardizer", "other");
        }, Set.of("raw.a.b", "dlq.standardizer"), Duration.ofSeconds(30), POLL);

        assertThat(calls).hasValue(3);
    }

    @Test
    void namesTheTopicsStillMissingAfterTheTimeout() {
        assertThatThrownBy(() -> ProvisionedTopics.await(wait -> Set.of("raw.a.b"),
                Set.of("raw.a.b", "quality.dataset", "dlq.standardizer"), Duration.ofMillis(50), POLL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[dlq.standardizer, quality.dataset] do not exist after PT0.05S")
                .hasMessageContaining("ops/bus provision");
    }
}
