package civic.exchange.standardizer.redrive;

/**
 * The bus did not let the re-drive finish (unreachable, or too slow). What was committed before
 * stays done; running it again continues from there.
 */
public class RedriveFailedException extends RuntimeException {

    public RedriveFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
