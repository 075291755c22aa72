package civic.exchange.registry;

/**
 * The registry could not be reached, or answered with a server error (5xx), for as long as the
 * client's retry budget allowed. Nothing is wrong with what was asked: the same call succeeds once
 * the registry is back. Consumers must retry the record (never skip it); compare a 404 for a schema
 * id, which says the record names a schema that does not exist.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    /** Unreachable: no HTTP answer at all (status 0). */
    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A server error answer (5xx) with Confluent's {@code error_code}. */
    public SchemaRegistryUnavailableException(int status, int errorCode, String message) {
        super(status, errorCode, message);
    }
}
