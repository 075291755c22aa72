package civic.exchange.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' own clients, with static group membership bound to the topology.
 *
 * <p>A static member ({@code group.instance.id}) that rejoins within its session timeout gets its
 * previous assignment back without a rebalance. If the topology changed meanwhile (a dataset added
 * to the catalog renumbers the sub-topologies after it), those task ids name other topics and the
 * stream thread dies: "Topic ... is unknown to the topology". Suffixing the main consumer's instance
 * id with a digest of the topology makes a changed topology a new member: the group rebalances once,
 * when the previous member's session times out, and assigns tasks of the new topology. An unchanged
 * topology keeps its id, so a plain restart still takes its partitions straight back. Without
 * {@code group.instance.id} nothing changes.
 *
 * <p>A member left behind by an earlier topology of the same instance ({@code <instance id>-<other
 * digest>}, or the bare id from before digests) would keep its partitions until its session times out; it is removed from the group when
 * the new main consumer is made, so the rebalance starts at once. Only ids of exactly that shape are
 * removed: other instances' members are never touched. If the removal fails, the session timeout
 * still ends the old member.
 */
public final class TopologyBoundClientSupplier implements KafkaClientSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(TopologyBoundClientSupplier.class);
    private static final Duration RETIRE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaClientSupplier clients = new DefaultKafkaClientSupplier();
    private final String topologyDigest;
    private final Duration retireTimeout;

    public TopologyBoundClientSupplier(Topology topology) {
        this(topology, RETIRE_TIMEOUT);
    }

    /** @param retireTimeout how long the removal of earlier members may hold up the start */
    TopologyBoundClientSupplier(Topology topology, Duration retireTimeout) {
        this.retireTimeout = retireTimeout;
        this.topologyDigest = digest(topology);
    }

    /** 8 hex digits of the SHA-256 of the topology's description: stable for the same topology. */
    public static String digest(Topology topology) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(topology.describe().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The main consumer's config with the topology digest appended to its instance id, if it has one. */
    Map<String, Object> boundToTopology(Map<String, Object> config) {
        Object instanceId = config.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (instanceId == null) {
            return config;
        }
        Map<String, Object> bound = new HashMap<>(config);
        bound.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-" + topologyDigest);
        return bound;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return clients.getAdmin(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return clients.getProducer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        Map<String, Object> bound = boundToTopology(config);
        if (bound != config) {
            retireEarlierTopologies(config);
        }
        return clients.getConsumer(bound);
    }

    /**
     * The ids an earlier topology of this instance's member joined under: the same id with another
     * digest, or with none (a member from before digests were added). Kafka Streams appends the
     * thread index to the configured id, so no other instance's member has either shape.
     */
    Pattern earlierTopologies(String instanceId) {
        return Pattern.compile(Pattern.quote(instanceId) + "(-(?!" + topologyDigest + "$)[0-9a-f]{8})?");
    }

    private void retireEarlierTopologies(Map<String, Object> config) {
        String group = String.valueOf(config.get(ConsumerConfig.GROUP_ID_CONFIG));
        Pattern earlier = earlierTopologies(String.valueOf(config.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)));
        Map<String, Object> connection = new HashMap<>(config);
        connection.keySet().retainAll(AdminClientConfig.configNames());
        Admin admin = clients.getAdmin(connection);
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(retireTimeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> stale = description.members().stream()
                    .map(MemberDescription::groupInstanceId)
                    .flatMap(Optional::stream)
                    .filter(id -> earlier.matcher(id).matches())
                    .toList();
            if (!stale.isEmpty()) {
                admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(
                        stale.stream().map(MemberToRemove::new).toList())).all()
                        .get(retireTimeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Removed the members of an earlier topology from group {}: {}", group, stale);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Could not remove earlier members from group {} ({}); they leave when their session times out",
                    group, e.toString());
        } finally {
            // A plain close waits for calls still pending (up to a minute against an unreachable broker).
            admin.close(Duration.ZERO);
        }
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return clients.getRestoreConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return clients.getGlobalConsumer(config);
    }
}
