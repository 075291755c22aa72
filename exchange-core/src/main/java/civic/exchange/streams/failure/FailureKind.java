package civic.exchange.streams.failure;

import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.serde.UnknownSchemaIdException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whose fault a failure in a stream is. A record's fault sends that record to a dead-letter topic
 * and the stream goes on; the infrastructure's fault (the schema registry, the brokers) is retried,
 * because skipping would lose records that are perfectly good.
 */
public enum FailureKind {

    /** The record cannot be processed, however often it is tried: it goes to the DLQ. */
    RECORD,
    /** Something the record needs is unavailable: retry the same record later, never skip it. */
    INFRASTRUCTURE;

    /**
     * Classifies by the whole cause chain. A schema id the registry does not know is the record's;
     * any other schema registry error is the infrastructure's: the
     * services only look up the canonical schemas provisioning registered, so a registry that cannot
     * be reached, answers 5xx, or does not know a canonical subject is a problem of the bus, not of
     * the record. So are retriable Kafka errors, I/O and security failures.
     */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownSchemaIdException) {
                return RECORD;
            }
            if (t instanceof SchemaRegistryException
                    || t instanceof RetriableException
                    || t instanceof AuthenticationException
                    || t instanceof AuthorizationException
                    || t instanceof IOException
                    || t instanceof UncheckedIOException
                    || t instanceof InterruptedException) {
                return INFRASTRUCTURE;
            }
        }
        return RECORD;
    }

    /** The innermost message worth showing an operator: the root cause, with its type. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
