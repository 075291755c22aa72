package civic.exchange.streams.failure;

import org.apache.kafka.common.errors.RetriableException;

/** The dead-letter topic could not be written: an infrastructure failure, retried like any other. */
public class DeadLetterFailedException extends RetriableException {

    public DeadLetterFailedException(String topic, Throwable cause) {
        super("Cannot write the dead-letter topic " + topic + ": " + (cause == null ? "unknown" : cause.getMessage()), cause);
    }
}
