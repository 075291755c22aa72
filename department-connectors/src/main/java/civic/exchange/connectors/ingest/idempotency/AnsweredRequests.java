package civic.exchange.connectors.ingest.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answered Idempotency-Keys within their window, in memory, bounded: keys are forgotten when their
 * window has passed, and the oldest are forgotten first when more than {@code maxKeys} are
 * remembered (a retry of such a key is then written again: size {@code maxKeys} above the keys a
 * window sees). The first answer to a key stays its answer for the whole window. Thread-safe.
 */
public final class AnsweredRequests {

    private static final Logger LOG = LoggerFactory.getLogger(AnsweredRequests.class);

    private final Duration window;
    private final int maxKeys;
    private final Clock clock;
    /** In the order keys were first answered (roughly by time): the eldest go first. */
    private final LinkedHashMap<String, AnsweredRequest> byKey = new LinkedHashMap<>();
    private long forgottenEarly;

    public AnsweredRequests(Duration window, int maxKeys, Clock clock) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The idempotency window must be positive, not " + window);
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("At least one key must be remembered, not " + maxKeys);
        }
        this.window = window;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    public Duration window() {
        return window;
    }

    /** The answer to {@code key} within its window; empty when none was given or its window has passed. */
    public synchronized Optional<AnsweredRequest> get(String key) {
        AnsweredRequest answer = byKey.get(key);
        if (answer != null && expired(answer)) {
            byKey.remove(key);
            return Optional.empty();
        }
        return Optional.ofNullable(answer);
    }

    /**
     * Remembers an answer, unless the key already has one within its window (the first answer stays)
     * or this one's window has passed already.
     */
    public synchronized void put(String key, AnsweredRequest answer) {
        if (expired(answer)) {
            return;
        }
        AnsweredRequest current = byKey.get(key);
        if (current != null && !expired(current)) {
            return;
        }
        byKey.remove(key);
        byKey.put(key, answer);
        trim();
    }

    /** Forgets a key (its record was deleted from the topic). */
    public synchronized void remove(String key) {
        byKey.remove(key);
    }

    public synchronized int size() {
        return byKey.size();
    }

    /** Keys forgotten within their window because more than {@code maxKeys} were remembered. */
    public synchronized long forgottenEarly() {
        return forgottenEarly;
    }

    private void trim() {
        Iterator<Map.Entry<String, AnsweredRequest>> eldest = byKey.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<String, AnsweredRequest> entry = eldest.next();
            boolean over = byKey.size() > maxKeys;
            if (!over && !expired(entry.getValue())) {
                return;
            }
            if (!expired(entry.getValue())) {
                forgottenEarly++;
                if (forgottenEarly == 1 || forgottenEarly % 1000 == 0) {
                    LOG.warn("More than {} Idempotency-Keys answered within {}: the oldest are forgotten before their"
                            + " window ends ({} so far); raise exchange.ingest.idempotency.max-keys", maxKeys, window, forgottenEarly);
                }
            }
            eldest.remove();
        }
    }

    private boolean expired(AnsweredRequest answer) {
        return !clock.instant().isBefore(answer.answeredAt().plus(window));
    }
}
