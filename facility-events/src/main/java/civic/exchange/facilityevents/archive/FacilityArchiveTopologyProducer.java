package civic.exchange.facilityevents.archive;

import civic.exchange.streams.TopologyBoundClientSupplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the archive topology to Quarkus, which runs it as this application's Kafka Streams instance. */
@ApplicationScoped
public class FacilityArchiveTopologyProducer {

    private final String registryUrl;

    public FacilityArchiveTopologyProducer(
            @ConfigProperty(name = "exchange.schema-registry.url", defaultValue = "http://localhost:8081") String registryUrl) {
        this.registryUrl = registryUrl;
    }

    @Produces
    @Singleton
    public Topology facilityArchive() {
        return FacilityArchiveTopology.withRegistry(registryUrl).build();
    }

    /** A release that changes the topology must not hand a static member its old tasks back. */
    @Produces
    @Singleton
    KafkaClientSupplier clients(Topology topology) {
        return new TopologyBoundClientSupplier(topology);
    }
}
