package civic.exchange.connectors.publish;

/**
 * The bus did not take a batch. The batch is atomic either way: when {@link #outcomeUnknown()} is
 * false nothing of it is visible to readers; when true (the commit was not confirmed in time) it is
 * either wholly committed or wholly aborted, and a retry with the same request key gives the same
 * record ids so that readers can drop a duplicate.
 */
public class PublishFailedException extends RuntimeException {

    private final boolean outcomeUnknown;

    public PublishFailedException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
