package civic.exchange.streams.failure;

import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.serde.UnreadableRecordException;
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
     * Classifies by the whole cause chain. Bytes that cannot be read ({@link UnreadableRecordException}:
     * not the wire format, a schema id the registry does not know, Avro that does not decode) are
     * the record's, whatever they met on the way (truncated Avro ends in an {@code EOFException},
     * which is no I/O failure);
     * any other schema registry error is the infrastructure's: the
     * services only look up the canonical schemas provisioning registered, so a registry that cannot
     * be reached, answers 5xx, or does not know a canonical subject is a problem of the bus, not of
     * the record. So are retriable Kafka errors, I/O and security failures.
     */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnreadableRecordException) {
                return RECORD;
            }
            if (isInfrastructure(t)) {
                return INFRASTRUCTURE;
            }
        }
        return RECORD;
    }

    private static boolean isInfrastructure(Throwable t) {
        return t instanceof SchemaRegistryException
                || t instanceof RetriableException
                || t instanceof AuthenticationException
                || t instanceof AuthorizationException
                || t instanceof IOException
                || t instanceof UncheckedIOException
                || t instanceof InterruptedException;
    }

    /**
     * The message worth showing an operator, with its type: the infrastructure failure (the
     * registry's URL, the attempts) and its root cause, or the serde's account of unreadable bytes,
     * if that is what it is; else the root cause.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        boolean infrastructure = of(failure) == INFRASTRUCTURE;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (infrastructure && isInfrastructure(t)) {
                return t == root ? oneLine(t) : oneLine(t) + "; caused by " + oneLine(root);
            }
            if (!infrastructure && t instanceof UnreadableRecordException) {
                return oneLine(t);
            }
        }
        return oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' ').replace('\r', ' '));
    }
}
