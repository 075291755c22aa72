package civic.exchange.registry.server;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import civic.exchange.registry.server.LeaderElector.Leadership;
import civic.exchange.registry.server.WriteForwarder.Forwarded;

/**
 * Where a write runs: here when this instance leads, on the leader otherwise ({@link WriteForwarder} carries it
 * there). Only one instance may write the schemas topic, so every write goes through here; reads never do.
 */
final class WriteDispatcher {

    /** How long a write waits for an election to finish (a failover) before answering 50004. */
    static final Duration LEADER_WAIT = Duration.ofSeconds(15);
    private static final System.Logger LOG = System.getLogger(WriteDispatcher.class.getName());

    private final LeaderElector elector;
    private final KafkaStore store;
    private final WriteForwarder forwarder;

    WriteDispatcher(LeaderElector elector, KafkaStore store, WriteForwarder forwarder) {
        this.elector = elector;
        this.store = store;
        this.forwarder = forwarder;
    }

    /**
     * Runs {@code local} here if this instance leads, else forwards the request to the leader; waits through an
     * election (bounded by {@link #LEADER_WAIT}) instead of failing while leadership moves.
     */
    RestResponse write(RestRequest r, Supplier<JsonNode> local) {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            Leadership leader;
            try {
                leader = elector.awaitLeader(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.unknownLeader();
            }
            if (leader == null) {
                throw RegistryException.unknownLeader();
            }
            if (leader.self()) {
                try {
                    JsonNode body = local.get();
                    // A follower relaying this answer waits until its own state has reached the leader's.
                    return new RestResponse(200, body, r.forwarded()
                            ? Map.of(WriteForwarder.OFFSET_HEADER, Long.toString(store.appliedOffset())) : Map.of());
                } catch (RegistryException e) {
                    if (!e.isNotLeader() || System.nanoTime() > deadline) {
                        throw e;
                    }
                    pause(); // fenced or resigning: the election will name the new leader
                    continue;
                }
            }
            if (r.forwarded()) {
                // Leadership moved while the request travelled: the original follower's client retries.
                throw RegistryException.unknownLeader();
            }
            try {
                Forwarded answer = forwarder.forward(leader.url(), r.method(), r.pathAndQuery(), r.contentType(), r.body());
                if (answer.offset().isPresent()) {
                    awaitQuietly(answer.offset().getAsLong());
                }
                return new RestResponse(answer.status(), answer.body(), Map.of());
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw RegistryException.forwardingFailed("Error while forwarding the request to the leader at "
                            + leader.url() + ": " + e, e);
                }
                pause(); // the leader may just have gone: ask again who leads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.forwardingFailed("Interrupted while forwarding the request to the leader", e);
            }
        }
    }

    /** Read-your-writes on a follower: its state reaches the leader's before the answer is relayed. */
    private void awaitQuietly(long offset) {
        try {
            store.awaitApplied(offset, KafkaStore.WRITE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RegistryException e) {
            LOG.log(Level.WARNING, "Relaying the leader's answer before this instance caught up: " + e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
