package civic.exchange.streams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

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
 */
public final class TopologyBoundClientSupplier implements KafkaClientSupplier {

    private final KafkaClientSupplier clients = new DefaultKafkaClientSupplier();
    private final String topologyDigest;

    public TopologyBoundClientSupplier(Topology topology) {
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
    public Map<String, Object> boundToTopology(Map<String, Object> config) {
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
        return clients.getConsumer(boundToTopology(config));
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
