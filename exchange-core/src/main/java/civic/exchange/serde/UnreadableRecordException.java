package civic.exchange.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record's own bytes cannot be read: not in Confluent's wire format (wrong magic byte, shorter
 * than the header), a schema id the registry does not know (404, {@link UnknownSchemaIdException}),
 * or Avro that does not decode with its writer schema. Reading it again gives the same answer, so
 * it belongs in a dead-letter topic, whatever its cause chain holds (an {@code EOFException} of
 * truncated Avro is no I/O failure).
 * A registry that cannot be reached is never this: that is a
 * {@link civic.exchange.registry.SchemaRegistryUnavailableException}, and the record must be retried.
 */
public class UnreadableRecordException extends SerializationException {

    public UnreadableRecordException(String message) {
        super(message);
    }

    public UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
