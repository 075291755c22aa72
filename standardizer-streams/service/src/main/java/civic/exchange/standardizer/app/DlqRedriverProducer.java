package civic.exchange.standardizer.app;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.standardizer.redrive.DlqRedriver;
import civic.exchange.standardizer.redrive.KafkaRedriveClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The re-driver and the catalog its requests are checked against, from the service's configuration. */
@ApplicationScoped
public class DlqRedriverProducer {

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.kafka-streams.application-id", defaultValue = "standardizer")
    String applicationId;

    /** How long one re-drive may run before it answers 503 (what it committed stays done). */
    @ConfigProperty(name = "standardizer.redrive.timeout", defaultValue = "120s")
    Duration timeout;

    @ConfigProperty(name = "exchange.catalog.location", defaultValue = "classpath:" + ExchangeCatalog.DEFAULT_RESOURCE)
    String catalogLocation;

    @Produces
    @Singleton
    DlqRedriver redriver() {
        // Progress groups and transactional ids follow the application id: one standardizer, one progress.
        return KafkaRedriveClients.redriver(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                applicationId + ".redrive", timeout);
    }

    @Produces
    @Singleton
    ExchangeCatalog catalog() {
        return ExchangeCatalog.load(catalogLocation);
    }
}
