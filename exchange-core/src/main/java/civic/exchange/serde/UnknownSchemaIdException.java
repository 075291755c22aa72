package civic.exchange.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record names a schema id the registry does not have: the record's bytes are wrong (or come from
 * another registry), so retrying cannot help. A registry that cannot be reached is a plain
 * {@link SerializationException} caused by a {@code SchemaRegistryException} instead.
 */
public class UnknownSchemaIdException extends SerializationException {

    public UnknownSchemaIdException(int id, String topic, Throwable cause) {
        super("Record from topic '" + topic + "' names schema id " + id + ", which the schema registry does not know", cause);
    }
}
