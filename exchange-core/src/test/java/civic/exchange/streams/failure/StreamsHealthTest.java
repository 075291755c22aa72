package civic.exchange.streams.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Readiness following held records exactly, once commits are tracked. */
class StreamsHealthTest {

    private static final TopicPartition P0 = new TopicPartition("canonical.facility", 0);
    private static final TopicPartition P1 = new TopicPartition("canonical.facility", 1);

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final StreamsHealth health = new StreamsHealth(clock);

    @Test
    void withCommitsTrackedAHeldRecordCountsUntilACommitPassesItHoweverLongThat() {
        health.trackCommits();
        health.heldBack(P0.topic(), 0, 41, "SchemaRegistryUnavailableException: down");

        now = now.plus(Duration.ofHours(1));
        assertThat(health.current()).hasValueSatisfying(p ->
                assertThat(p.reason()).isEqualTo("record canonical.facility-0@41 held back: SchemaRegistryUnavailableException: down"));
        // up to the record, or on another partition: not past it
        health.committed(Map.of(P0, new OffsetAndMetadata(41), P1, new OffsetAndMetadata(500)));
        assertThat(health.current()).isPresent();

        health.committed(Map.of(P0, new OffsetAndMetadata(42)));
        assertThat(health.current()).as("nothing held, a commit made: ready at once, no quiet period").isEmpty();
    }

    @Test
    void theSameRecordFailingAgainKeepsItsStartAndCountsTheFailures() {
        health.trackCommits();
        Instant first = now;
        health.heldBack(P0.topic(), 0, 41, "down");
        now = now.plusSeconds(20);
        health.heldBack(P0.topic(), 0, 41, "still down");

        assertThat(health.current()).hasValueSatisfying(p -> {
            assertThat(p.since()).isEqualTo(first);
            assertThat(p.failures()).isEqualTo(2);
            assertThat(p.reason()).endsWith("still down");
        });
    }

    @Test
    void aHeldRecordWhosePartitionARebalanceGaveAwayIsNotThisInstancesProblem() {
        health.trackCommits();
        health.heldBack(P0.topic(), 0, 41, "down");

        health.running(Set.of(P0, P1));
        assertThat(health.current()).isPresent();
        health.running(Set.of(P1));
        health.committed(Map.of(P1, new OffsetAndMetadata(7)));
        assertThat(health.current()).isEmpty();
    }

    @Test
    void withoutCommitTrackingAHeldRecordIsAFailureLikeAnyOtherAndAQuietPeriodEndsIt() {
        health.heldBack(P0.topic(), 0, 41, "down");
        assertThat(health.current()).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("down"));

        // commits are not reported without the interceptor, so they cannot end it either
        health.committed(Map.of(P0, new OffsetAndMetadata(42)));
        assertThat(health.current()).isPresent();
        now = now.plus(StreamsHealth.DEFAULT_QUIET_PERIOD).plusSeconds(1);
        assertThat(health.current()).isEmpty();
    }
}
