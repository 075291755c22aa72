package civic.exchange.localbus;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionReport;
import civic.exchange.provision.ProvisionSettings;
import civic.exchange.provision.TopicProvisioner;
import civic.exchange.registry.CanonicalSchemas;
import civic.exchange.registry.server.SchemaRegistryConfig;
import civic.exchange.registry.server.SchemaRegistryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The embedded local bus: one real KRaft broker, the schema registry on top of it, and the topics
 * of the exchange catalog. {@code ops/bus up} runs it as a process; tests get it in-process.
 */
public final class LocalBus implements Bus {

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final ProvisionReport provisioned;

    private LocalBus(EmbeddedKafkaBroker broker, SchemaRegistryServer registry, ProvisionReport provisioned) {
        this.broker = broker;
        this.registry = registry;
        this.provisioned = provisioned;
    }

    /**
     * A bus whose topics have the default settings ({@link ProvisionSettings#defaults()}).
     *
     * @param dataDir      broker data directory; null for a throw-away bus
     * @param kafkaPort    client port; 0 for any free port
     * @param registryPort registry HTTP port; 0 for any free port
     * @param catalog      catalog whose topics are created; null for none
     */
    public static LocalBus start(Path dataDir, int kafkaPort, int registryPort, ExchangeCatalog catalog) {
        return start(dataDir, kafkaPort, registryPort, catalog, ProvisionSettings.defaults());
    }

    /**
     * @param settings retentions and compaction lag of the catalog's topics; the replication factor is
     *                 always 1 (one broker). On a data directory kept from an earlier start, existing
     *                 topics are set to these settings (see {@link #provisionReport()})
     */
    public static LocalBus start(Path dataDir, int kafkaPort, int registryPort, ExchangeCatalog catalog, ProvisionSettings settings) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, kafkaPort, Map.of());
        try {
            ProvisionReport provisioned = null;
            if (catalog != null) {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                    provisioned = new TopicProvisioner(admin, settings.withReplicationFactor(1)).provision(catalog);
                }
            }
            SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(broker.bootstrapServers(), registryPort));
            // The provisioning step of a real deployment, done here so services can run with auto-registration off.
            CanonicalSchemas.register(registry.url(), Duration.ofSeconds(30));
            return new LocalBus(broker, registry, provisioned);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        } catch (Exception e) {
            broker.close();
            throw new IllegalStateException("Cannot start the local bus", e);
        }
    }

    /** A throw-away bus on free ports with the shipped catalog's topics: what the test fixtures use. */
    public static LocalBus startEphemeral() {
        return start(null, 0, 0, ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE));
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    public Path dataDir() {
        return broker.dataDir();
    }

    /** What provisioning the catalog's topics did at start; null when the bus was started without a catalog. */
    public ProvisionReport provisionReport() {
        return provisioned;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
