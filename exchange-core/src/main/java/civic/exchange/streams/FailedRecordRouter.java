package civic.exchange.streams;

import civic.exchange.errors.ErrorCode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decision every handler makes about a record it could not get through: the record's own
 * fault goes to the dead-letter topic and the stream goes on; an infrastructure failure (or a
 * dead-letter topic that cannot be written) holds the stream at the record, reported to
 * {@link StreamsHealth}, so it is retried and never skipped.
 */
final class FailedRecordRouter {

    private static final Logger LOG = LoggerFactory.getLogger(FailedRecordRouter.class);

    /** What became of the record. */
    enum Outcome {
        /** In the dead-letter topic: the stream may go past it. */
        DEAD_LETTERED,
        /** Not handled: the stream must stop at it and read it again. */
        HELD_BACK
    }

    private final DeadLetterPublisher deadLetters;
    private final StreamsHealth health;

    FailedRecordRouter(DeadLetterPublisher deadLetters, StreamsHealth health) {
        this.deadLetters = deadLetters;
        this.health = health;
    }

    static FailedRecordRouter fromConfigs(Map<String, ?> configs) {
        return new FailedRecordRouter(DeadLetterPublisher.fromConfigs(configs), StreamsHealth.of(configs));
    }

    Outcome route(FailedRecord record, Exception failure, ErrorCode code) {
        Optional<Throwable> infrastructure = InfrastructureFailures.cause(failure);
        if (infrastructure.isPresent()) {
            return holdBack(record, InfrastructureFailures.describe(failure), failure);
        }
        if (!record.hasSource()) {
            LOG.error("Failure outside any record (nothing to dead-letter): {}", InfrastructureFailures.describe(failure), failure);
            return Outcome.HELD_BACK;
        }
        String reason = InfrastructureFailures.describe(failure);
        try {
            deadLetters.publish(record, code, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return holdBack(record, "interrupted while writing its dead letter to " + deadLetters.topic(), e);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return holdBack(record, "cannot write its dead letter to " + deadLetters.topic() + ": "
                    + InfrastructureFailures.describe(cause), cause);
        }
        LOG.warn("Record {} sent to {} ({}): {}", record.coordinates(), deadLetters.topic(), code, reason);
        return Outcome.DEAD_LETTERED;
    }

    private Outcome holdBack(FailedRecord record, String reason, Throwable failure) {
        if (record.hasSource()) {
            health.heldBack(record.topic(), record.partition(), record.offset(), reason);
        }
        LOG.error("Record {} held back, to be read again: {}", record.hasSource() ? record.coordinates() : "(none)", reason);
        LOG.debug("Failure holding back {}", record.coordinates(), failure);
        return Outcome.HELD_BACK;
    }
}
