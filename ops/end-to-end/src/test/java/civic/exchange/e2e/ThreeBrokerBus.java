package civic.exchange.e2e;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionReport;
import civic.exchange.provision.ProvisionSettings;
import civic.exchange.provision.TopicProvisioner;
import civic.exchange.registry.CanonicalSchemas;
import civic.exchange.registry.server.SchemaRegistryConfig;
import civic.exchange.registry.server.SchemaRegistryServer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A bus of three Kafka brokers and one dedicated KRaft controller, all in this JVM (Kafka's own
 * {@code KafkaClusterTestKit}, the kit the registry's tests use; the local bus's
 * {@code EmbeddedKafkaBroker} is one combined node), provisioned from the shipped catalog with
 * replication factor 3 (so {@code min.insync.replicas=2}), with the schema registry on top and the
 * canonical schemas registered, as {@code ops/bus provision} does on a real cluster.
 *
 * <p>The controller is a node of its own, so stopping a broker never stops the controller quorum.
 */
final class ThreeBrokerBus implements AutoCloseable {

    static final int BROKERS = 3;

    private final KafkaClusterTestKit cluster;
    private final SchemaRegistryServer registry;
    private final ProvisionReport provisioned;

    private ThreeBrokerBus(KafkaClusterTestKit cluster, SchemaRegistryServer registry, ProvisionReport provisioned) {
        this.cluster = cluster;
        this.registry = registry;
        this.provisioned = provisioned;
    }

    static ThreeBrokerBus start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumBrokerNodes(BROKERS).setNumControllerNodes(1).build())
                // Topics come from provisioning only, as on the local bus.
                .setConfigProp("auto.create.topics.enable", "false")
                // The topics Kafka and Kafka Streams create themselves (offsets, transaction state,
                // Streams' changelogs) get what provisioning gives the bus's own: 3 replicas, 2 in sync.
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.num.partitions", "5")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // A stopped broker hands nothing over (see stopBroker), and the controller notices
                // its loss after 15 s without heartbeats (Kafka's default is 9 s): a failover that
                // surely outlasts Kafka Streams' exactly-once transaction timeout of 10 s, which the
                // standardizer raises for that reason.
                .setConfigProp("controlled.shutdown.enable", "false")
                .setConfigProp("broker.session.timeout.ms", "15000")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            ProvisionReport provisioned;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
                provisioned = new TopicProvisioner(admin, ProvisionSettings.defaults().withReplicationFactor(BROKERS))
                        .provision(ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE));
            }
            SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(cluster.bootstrapServers(), 0));
            try {
                CanonicalSchemas.register(registry.url(), Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
            return new ThreeBrokerBus(cluster, registry, provisioned);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    String schemaRegistryUrl() {
        return registry.url();
    }

    ProvisionReport provisioned() {
        return provisioned;
    }

    Set<Integer> brokerIds() {
        return new TreeSet<>(cluster.brokers().keySet());
    }

    Set<Integer> controllerIds() {
        return new TreeSet<>(cluster.controllers().keySet());
    }

    /**
     * Stops one broker and waits until it has stopped, without Kafka's controlled shutdown: the broker
     * does not hand its partition leaderships over, it closes its connections and is gone. The
     * controller learns of it only when its heartbeats stop ({@code broker.session.timeout.ms}), and
     * only then elects new leaders from the in-sync replicas; until then its partitions have no
     * reachable leader and clients retry. To the rest of the cluster that is a crash; what an
     * in-process stop cannot do is lose the stopped broker's unflushed writes, which is why nothing
     * acknowledged may rely on one broker alone ({@code acks=all}, {@code min.insync.replicas=2}).
     */
    void stopBroker(int id) {
        BrokerServer broker = cluster.brokers().get(id);
        if (broker == null) {
            throw new IllegalArgumentException("No broker " + id + "; brokers: " + brokerIds());
        }
        broker.shutdown();
        broker.awaitShutdown();
    }

    @Override
    public void close() throws Exception {
        try {
            registry.close();
        } finally {
            cluster.close();
        }
    }
}
