package civic.exchange.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsHealthTest {

    private static final TopicPartition P0 = new TopicPartition("canonical.facility", 0);
    private static final TopicPartition P1 = new TopicPartition("canonical.facility", 1);
    private static final Set<TopicPartition> OWNED = Set.of(P0, P1);

    private final StreamsHealth health = new StreamsHealth(Clock.systemUTC());

    @Test
    void aHealthyInstanceHasNoProblem() {
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void aHeldRecordIsAProblemUntilACommitPassesIt() {
        health.heldBack(P0.topic(), 0, 41, "SchemaRegistryUnavailableException: down");

        assertThat(health.problem()).hasValueSatisfying(p -> {
            assertThat(p.partition()).isEqualTo(P0);
            assertThat(p.offset()).isEqualTo(41);
            assertThat(p.describe()).isEqualTo("record canonical.facility-0@41 held back: SchemaRegistryUnavailableException: down");
        });
        // a commit up to the record (not past it) and a commit on another partition change nothing
        health.committed(Map.of(P0, new OffsetAndMetadata(41), P1, new OffsetAndMetadata(500)));
        assertThat(health.problem()).isPresent();

        health.committed(Map.of(P0, new OffsetAndMetadata(42)));
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void aHeldRecordCountsWhileItsThreadIsReplacedAndIsDroppedIfARebalanceGivesItsPartitionAway() {
        health.heldBack(P0.topic(), 0, 41, "down");
        health.threadFailed("StreamsException: down");

        // no thread owns anything between the death and the rejoin: the record still counts
        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p.partition()).isEqualTo(P0));

        health.running(Set.of(P1));
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void aDeadThreadIsAProblemUntilTheInstanceRunsAgain() {
        health.threadFailed("StreamsException: boom");

        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p.describe()).isEqualTo("StreamsException: boom"));
        assertThat(health.progressedSinceThreadFailure()).isFalse();

        health.running(OWNED);
        assertThat(health.problem()).isEmpty();
        assertThat(health.progressedSinceThreadFailure()).isFalse();
        health.committed(Map.of());
        assertThat(health.progressedSinceThreadFailure()).isTrue();
    }

    @Test
    void aHeldRecordOutlivesTheRestartOfItsThread() {
        health.heldBack(P0.topic(), 0, 7, "registry down");
        health.threadFailed("StreamsException: Deserialization exception handler is set to fail");
        health.running(OWNED);

        assertThat(health.problem()).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("registry down"));
    }

    @Test
    void handlersFindTheirInstancesHealthByApplicationIdAndServer() {
        StreamsHealth registered = StreamsHealth.register("health-test", "archive-1:8083");

        assertThat(StreamsHealth.of(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "health-test",
                StreamsConfig.APPLICATION_SERVER_CONFIG, "archive-1:8083"))).isSameAs(registered);
        assertThat(StreamsHealth.of(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "health-test",
                StreamsConfig.APPLICATION_SERVER_CONFIG, "archive-2:8083"))).isNotSameAs(registered);
        assertThat(StreamsHealth.register("health-test", "archive-1:8083")).isNotSameAs(registered);
    }
}
