package civic.exchange.localbus;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionSettings;
import civic.exchange.provision.TopicProvisioner;
import civic.exchange.registry.CanonicalSchemas;
import civic.exchange.registry.server.SchemaRegistryConfig;
import civic.exchange.registry.server.SchemaRegistryServer;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same fixture backed by Testcontainers' Kafka module ({@code apache/kafka} image), for machines
 * with a Docker engine. The schema registry still runs in-process against that broker.
 */
public final class TestcontainersBus implements BusFixture {

    public static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer kafka;
    private final SchemaRegistryServer registry;

    private TestcontainersBus(KafkaContainer kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** True when a Docker engine answers; callers skip (not fail) their tests otherwise. */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    public static TestcontainersBus start() {
        if (!dockerAvailable()) {
            throw new DockerUnavailableException();
        }
        KafkaContainer kafka = new KafkaContainer(IMAGE);
        kafka.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
            new TopicProvisioner(admin, ProvisionSettings.defaults()).provision(ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE));
            SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.getBootstrapServers(), 0));
            // Provisioned as the embedded bus does it, so services run with auto-registration off on either fixture.
            CanonicalSchemas.register(registry.url(), Duration.ofSeconds(30));
            return new TestcontainersBus(kafka, registry);
        } catch (RuntimeException e) {
            kafka.stop();
            throw e;
        } catch (Exception e) {
            kafka.stop();
            throw new IllegalStateException("Cannot start the Testcontainers bus", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
        kafka.stop();
    }

    /** No Docker engine: tests using this fixture are skipped with this reason. */
    public static final class DockerUnavailableException extends IllegalStateException {
        public DockerUnavailableException() {
            super("No Docker engine found: the Testcontainers bus fixture is unavailable on this machine");
        }
    }
}
