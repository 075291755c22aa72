package civic.exchange.streams;

import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.serde.UnreadableRecordException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure of the infrastructure from a failure of the record. Infrastructure: the schema
 * registry cannot be reached, answers 5xx or refuses the call (a subject nobody provisioned,
 * credentials), the cluster times out or refuses access, the thread is interrupted. The same record
 * goes through once that is fixed, so a stream must stop at it and retry it, never skip it. Anything
 * else is the record's own fault (its bytes, its content): it fails every time and belongs in a
 * dead-letter topic.
 *
 * <p>The serdes make the distinction checkable: a schema id the registry does not know is an
 * {@link UnreadableRecordException} (the record's fault), while every other registry answer reaches
 * the caller as a {@link SchemaRegistryException}.
 */
public final class InfrastructureFailures {

    private InfrastructureFailures() {
    }

    public static boolean isInfrastructure(Throwable failure) {
        return cause(failure).isPresent();
    }

    /** The infrastructure failure in {@code failure}'s cause chain, if there is one. */
    public static Optional<Throwable> cause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof UnreadableRecordException) {
                // The serde decided: the record's bytes are at fault, whatever it met on the way.
                return Optional.empty();
            }
            if (t instanceof SchemaRegistryException
                    || t instanceof RetriableException
                    || t instanceof AuthenticationException
                    || t instanceof AuthorizationException
                    || t instanceof InterruptException
                    || t instanceof InterruptedException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * One line saying what failed, for logs, readiness and dead-letter headers: the infrastructure
     * failure if there is one, else the failure and its innermost cause.
     */
    public static String describe(Throwable failure) {
        Optional<Throwable> infrastructure = cause(failure);
        if (infrastructure.isPresent()) {
            return oneLine(infrastructure.get());
        }
        Throwable root = failure;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root == failure ? oneLine(failure) : oneLine(failure) + "; caused by " + oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' ').replace('\r', ' '));
    }
}
