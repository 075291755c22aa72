package civic.exchange.streams.failure;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.registry.SchemaRegistryUnavailableException;
import civic.exchange.serde.UnknownSchemaIdException;
import civic.exchange.serde.UnreadableRecordException;
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

    @Test
    void unreadableBytesAreTheRecordsWhateverTheyMetOnTheWay() {
        // truncated Avro: the decoder's EOFException is no I/O failure
        assertThat(FailureKind.of(new StreamsException(new UnreadableRecordException("Cannot decode a record with schema id 1",
                new java.io.EOFException())))).isEqualTo(FailureKind.RECORD);
        assertThat(FailureKind.describe(new StreamsException(new UnreadableRecordException("Cannot decode a record with schema id 1",
                new java.io.EOFException())))).isEqualTo("UnreadableRecordException: Cannot decode a record with schema id 1");
    }

    @Test
    void anUnavailableRegistryIsDescribedByItsOwnMessageNotItsSocket() {
        SchemaRegistryUnavailableException down = new SchemaRegistryUnavailableException(
                "Schema registry at http://registry:8081 unreachable after 4 attempts: java.net.ConnectException", new java.net.ConnectException());

        assertThat(FailureKind.of(new StreamsException("Deserialization exception handler is set to fail", down)))
                .isEqualTo(FailureKind.INFRASTRUCTURE);
        assertThat(FailureKind.describe(new StreamsException("Deserialization exception handler is set to fail", down)))
                .isEqualTo("SchemaRegistryUnavailableException: Schema registry at http://registry:8081 unreachable after 4 attempts: "
                        + "java.net.ConnectException; caused by ConnectException");
        assertThat(FailureKind.of(new SchemaRegistryUnavailableException(503, 50301, "down"))).isEqualTo(FailureKind.INFRASTRUCTURE);
    }
}
