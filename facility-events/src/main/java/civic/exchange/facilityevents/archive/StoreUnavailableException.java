package civic.exchange.facilityevents.archive;

/**
 * The archive cannot be read right now: Kafka Streams is starting, restoring or rebalancing.
 * Transient by nature, so the HTTP adapter answers 503 with Retry-After instead of an error.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
