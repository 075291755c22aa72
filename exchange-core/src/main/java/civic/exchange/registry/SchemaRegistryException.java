package civic.exchange.registry;

/**
 * An error answer from a schema registry, carrying Confluent's HTTP status and {@code error_code}
 * (40401 subject not found, 40403 schema not found, 409 incompatible, 42201 invalid schema...),
 * or status 0 when the registry could not be reached at all. A registry that cannot be reached or
 * answers 5xx is the subclass {@link SchemaRegistryUnavailableException}: worth retrying, unlike a
 * 4xx answer about what was asked.
 */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
