package civic.exchange.facilityevents.archive;

import civic.exchange.streams.TopologyBoundClientSupplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the archive topology to Quarkus, which runs it as this application's Kafka Streams instance. */
@ApplicationScoped
public class FacilityArchiveTopologyProducer {

    private final String registryUrl;
    private final Duration registryRetryBudget;

    public FacilityArchiveTopologyProducer(
            @ConfigProperty(name = "exchange.schema-registry.url", defaultValue = "http://localhost:8081") String registryUrl,
            @ConfigProperty(name = "exchange.schema-registry.retry-budget", defaultValue = "10s") Duration registryRetryBudget) {
        this.registryUrl = registryUrl;
        this.registryRetryBudget = registryRetryBudget;
    }

    @Produces
    @Singleton
    public Topology facilityArchive() {
        return FacilityArchiveTopology.withRegistry(registryUrl, registryRetryBudget).build();
    }

    /** A release that changes the topology must not hand a static member its old tasks back. */
    @Produces
    @Singleton
    KafkaClientSupplier clients(Topology topology) {
        return new TopologyBoundClientSupplier(topology);
    }
}
