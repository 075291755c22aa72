package civic.exchange.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Elects one writer among the registry instances sharing a schemas topic, with Kafka's own group membership (what
 * Confluent's and Karapace's coordinators do, here with the public consumer API).
 *
 * <p>Every instance joins the consumer group {@link SchemaRegistryConfig#effectiveGroupId()} subscribed to the
 * single-partition schemas topic, with {@link LeaderAssignor} as the only assignment strategy. The group's assignor
 * gives partition 0 to one leader-eligible member (the current leader if it is still there, so joins do not move
 * leadership) and tells every member the leader's advertised URL in its assignment. The member holding the partition
 * is the leader: it never consumes through this consumer (the partition is paused), the assignment is the election.
 *
 * <p>A member that stops heart-beating for {@link #SESSION_TIMEOUT} (a crash) or leaves (a shutdown) triggers a
 * rebalance that elects another. A leader that has not noticed it lost its place is fenced by its successor's
 * transactional id ({@link KafkaStore}), so two writers can never both commit.
 */
final class LeaderElector implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LeaderElector.class.getName());
    /** Consumer property carrying this elector to the assignor instance the consumer creates. */
    static final String ELECTOR_CONFIG = "civic.schema-registry.elector";
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    /** Who leads in a generation of the group; {@code self} when it is this instance. */
    record Leadership(String url, boolean self, int generation) {
    }

    private final SchemaRegistryConfig config;
    private final String url;
    private final String instanceId = UUID.randomUUID().toString();
    private final KafkaStore store;
    private final Thread thread;
    private volatile boolean running = true;
    private KafkaConsumer<byte[], byte[]> consumer;
    /** Elector thread only: whether this instance led in its last generation (keeps leadership stable). */
    private boolean wasLeader;
    /** Elector thread only: the leader named by the last assignment, until the partitions callback applies it. */
    private String assignedLeaderUrl;
    private int assignedGeneration;
    private Leadership current; // guarded by this; null while unknown (rebalancing, or no eligible member)

    LeaderElector(SchemaRegistryConfig config, String url, KafkaStore store) {
        this.config = config;
        this.url = url;
        this.store = store;
        this.thread = new Thread(this::run, "schema-registry-elector-" + config.topic());
        this.thread.setDaemon(true);
    }

    void start() {
        Map<String, Object> properties = new HashMap<>(Map.of(
                CommonClientConfigs.CLIENT_ID_CONFIG, store.clientIdPrefix() + "elector",
                ConsumerConfig.GROUP_ID_CONFIG, config.effectiveGroupId(),
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, LeaderAssignor.class.getName(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000, // members notice a rebalance (a join, a leave) within a second
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 120_000));
        properties = store.clientProperties(properties);
        properties.put(ELECTOR_CONFIG, this);
        consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.topic()), new Rebalances());
            while (running) {
                consumer.poll(Duration.ofMillis(250));
            }
        } catch (WakeupException e) {
            // close()
        } catch (Throwable e) {
            LOG.log(Level.ERROR, "Leader election stopped; this instance will not lead", e);
        } finally {
            store.resignLeader();
            publish(null);
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))); // leaves the group: a quick re-election
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Error leaving the leader election group: " + e);
            }
        }
    }

    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // A new generation is being formed: nobody may write until it is.
            if (!partitions.isEmpty()) {
                store.resignLeader();
            }
            publish(null);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            wasLeader = false;
            store.resignLeader();
            publish(null);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            boolean self = !partitions.isEmpty();
            wasLeader = self;
            if (self) {
                consumer.pause(partitions); // the assignment is the election: nothing is ever read here
                store.becomeLeader();
                LOG.log(Level.INFO, "Elected leader of " + config.topic() + " (generation " + assignedGeneration + ")");
                publish(new Leadership(url, true, assignedGeneration));
            } else if (assignedLeaderUrl != null) {
                publish(new Leadership(assignedLeaderUrl, false, assignedGeneration));
            } else {
                LOG.log(Level.WARNING, "No leader-eligible registry instance in group " + config.effectiveGroupId()
                        + ": writes are refused until one joins");
                publish(null);
            }
        }
    }

    private synchronized void publish(Leadership leadership) {
        current = leadership;
        notifyAll();
    }

    /** The current leader, waiting up to {@code timeout} while none is known; null if none is known by then. */
    synchronized Leadership awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current == null) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return current;
    }

    synchronized Leadership current() {
        return current;
    }

    String url() {
        return url;
    }

    // ---- called by LeaderAssignor, on the elector thread inside poll() ----

    /** What this member tells the group's assignor about itself. */
    byte[] memberInfo() {
        ObjectNode node = RegistryRecords.JSON.createObjectNode()
                .put("instance", instanceId)
                .put("url", url)
                .put("eligible", config.leaderEligible())
                .put("leader", wasLeader);
        try {
            return RegistryRecords.JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The assignment of this member: the leader's URL for everyone; the partition only for the leader. */
    void onAssignment(JsonNode leader, int generation) {
        assignedLeaderUrl = leader.path("url").isTextual() ? leader.get("url").asText() : null;
        assignedGeneration = generation;
    }

    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
