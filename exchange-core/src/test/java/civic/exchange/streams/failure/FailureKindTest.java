package civic.exchange.streams.failure;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.serde.UnknownSchemaIdException;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

    @Test
    void aRegistryThatCannotBeReachedOrAnswersAnErrorIsTheInfrastructures() {
        SchemaRegistryException unreachable = new SchemaRegistryException("unreachable", new IOException("Connection refused"));
        assertThat(FailureKind.of(new SerializationException("Cannot serialize", unreachable))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new SchemaRegistryException(503, 50301, "down"))).isEqualTo(FailureKind.INFRASTRUCTURE);
        // A canonical subject provisioning did not register is the bus's problem, not the record's.
        assertThat(FailureKind.of(new SerializationException("x", new SchemaRegistryException(404, 40401, "no subject"))))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void brokerTimeoutsAndRefusedPermissionsAreTheInfrastructures() {
        assertThat(FailureKind.of(new StreamsException(new TimeoutException("no leader")))).isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.of(new TopicAuthorizationException("denied"))).isEqualTo(FailureKind.INFRASTRUCTURE);
    }

    @Test
    void badBytesAndBugsAreTheRecords() {
        assertThat(FailureKind.of(new SerializationException("Unknown magic byte"))).isEqualTo(FailureKind.RECORD);
        assertThat(FailureKind.of(new UnknownSchemaIdException(77, "canonical.facility",
                new SchemaRegistryException(404, 40403, "Schema 77 not found")))).isEqualTo(FailureKind.RECORD);
        assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.RECORD);
        assertThat(FailureKind.of(new IllegalArgumentException("bad", new ArithmeticException()))).isEqualTo(FailureKind.RECORD);
    }

    @Test
    void describesTheRootCause() {
        assertThat(FailureKind.describe(new StreamsException("outer", new IOException("Connection refused"))))
                .isEqualTo("IOException: Connection refused");
        assertThat(FailureKind.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
