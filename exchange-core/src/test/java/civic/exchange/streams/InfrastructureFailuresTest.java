package civic.exchange.streams;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.registry.SchemaRegistryUnavailableException;
import civic.exchange.serde.UnreadableRecordException;
import java.net.ConnectException;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class InfrastructureFailuresTest {

    private static final SchemaRegistryUnavailableException REGISTRY_DOWN = new SchemaRegistryUnavailableException(
            "Schema registry at http://registry:8081 unreachable after 4 attempts: java.net.ConnectException", new ConnectException());

    @Test
    void registryOutagesAndServerErrorsAreInfrastructureHoweverDeepTheyAre() {
        assertThat(InfrastructureFailures.isInfrastructure(REGISTRY_DOWN)).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new SchemaRegistryUnavailableException(503, 50301, "down"))).isTrue();
        // how Kafka Streams hands a failed deserialization to the uncaught handler
        StreamsException wrapped = new StreamsException("Deserialization exception handler is set to fail",
                new StreamsException(REGISTRY_DOWN));
        assertThat(InfrastructureFailures.cause(wrapped)).containsSame(REGISTRY_DOWN);
    }

    @Test
    void registryRefusalsAndClusterFailuresAreInfrastructure() {
        assertThat(InfrastructureFailures.isInfrastructure(new SchemaRegistryException(404, 40401, "Subject not found"))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new TimeoutException("Expiring 1 record(s)"))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new TopicAuthorizationException("dlq.x"))).isTrue();
        assertThat(InfrastructureFailures.isInfrastructure(new StreamsException(new InterruptedException()))).isTrue();
    }

    @Test
    void badBytesAndBadContentAreTheRecordsFault() {
        assertThat(InfrastructureFailures.isInfrastructure(new UnreadableRecordException("Unknown magic byte 0x7b"))).isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(new UnreadableRecordException("decode", new AvroRuntimeException("bad")))).isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(new SerializationException("Cannot encode"))).isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(new IllegalStateException("a bug"))).isFalse();
        assertThat(InfrastructureFailures.isInfrastructure(new StreamsException(new NullPointerException()))).isFalse();
    }

    @Test
    void anUnreadableRecordStaysTheRecordsFaultWhateverItMetOnTheWay() {
        assertThat(InfrastructureFailures.isInfrastructure(new UnreadableRecordException("bytes", new TimeoutException("x")))).isFalse();
    }

    @Test
    void descriptionNamesTheInfrastructureFailureOrTheRootCause() {
        assertThat(InfrastructureFailures.describe(new StreamsException("Deserialization exception handler is set to fail", REGISTRY_DOWN)))
                .isEqualTo("SchemaRegistryUnavailableException: Schema registry at http://registry:8081 unreachable after 4 attempts: "
                        + "java.net.ConnectException");
        assertThat(InfrastructureFailures.describe(new StreamsException("task failed", new IllegalStateException("line1\nline2"))))
                .isEqualTo("StreamsException: task failed; caused by IllegalStateException: line1 line2");
        assertThat(InfrastructureFailures.describe(new UnreadableRecordException("Unknown magic byte 0x7b")))
                .isEqualTo("UnreadableRecordException: Unknown magic byte 0x7b");
    }
}
