package civic.exchange.serde;

/**
 * A record names a schema id the registry does not have (it answered 404): the record's bytes are
 * wrong (or come from another registry), so retrying cannot help. One kind of
 * {@link UnreadableRecordException}. A registry that cannot be reached or answers 5xx is a
 * {@link civic.exchange.registry.SchemaRegistryUnavailableException} instead.
 */
public class UnknownSchemaIdException extends UnreadableRecordException {

    public UnknownSchemaIdException(int id, String topic, Throwable cause) {
        super("Record from topic '" + topic + "' names schema id " + id + ", which the schema registry does not know", cause);
    }
}
