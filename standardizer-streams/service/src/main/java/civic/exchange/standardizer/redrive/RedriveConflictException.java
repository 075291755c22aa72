package civic.exchange.standardizer.redrive;

/** Another re-drive of the same dataset took over (its producer fenced this one): nothing of this one counts. */
public class RedriveConflictException extends RuntimeException {

    public RedriveConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
