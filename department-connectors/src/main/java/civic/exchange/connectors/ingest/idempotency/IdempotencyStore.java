package civic.exchange.connectors.ingest.idempotency;

import civic.exchange.connectors.publish.CompanionRecord;
import java.util.Optional;

/**
 * Where the answers to Idempotency-Keys are kept. A key is scoped to its department
 * ({@code department/Idempotency-Key}).
 */
public interface IdempotencyStore extends AutoCloseable {

    /**
     * The answer given to {@code scope} within the window, as known once everything committed
     * before this call has been read.
     *
     * @throws IdempotencyUnavailableException when the store could not catch up in time
     */
    Optional<AnsweredRequest> answered(String scope);

    /** The record that, committed in the same transaction as the batch, makes {@code answer} the key's. */
    CompanionRecord record(String scope, AnsweredRequest answer);

    /** The batch and its record are committed: the answer holds from now on in this instance. */
    void committed(String scope, AnsweredRequest answer);

    @Override
    void close();

    /** The answers in memory only: tests, and a single instance that need not survive a restart. */
    static IdempotencyStore inMemory(AnsweredRequests answers) {
        return new IdempotencyStore() {
            @Override
            public Optional<AnsweredRequest> answered(String scope) {
                return answers.get(scope);
            }

            @Override
            public CompanionRecord record(String scope, AnsweredRequest answer) {
                return null;
            }

            @Override
            public void committed(String scope, AnsweredRequest answer) {
                answers.put(scope, answer);
            }

            @Override
            public void close() {
            }
        };
    }
}
