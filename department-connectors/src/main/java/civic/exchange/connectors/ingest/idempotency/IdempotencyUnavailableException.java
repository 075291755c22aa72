package civic.exchange.connectors.ingest.idempotency;

/** The store of answered Idempotency-Keys cannot tell now whether a key was answered: nothing may be written. */
public class IdempotencyUnavailableException extends RuntimeException {

    public IdempotencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
