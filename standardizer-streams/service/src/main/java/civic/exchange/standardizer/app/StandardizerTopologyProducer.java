package civic.exchange.standardizer.app;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.standardizer.topology.StandardizerTopology;
import civic.exchange.streams.TopologyBoundClientSupplier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the pure topology into Quarkus: loads the specs the catalog names (shipped ones and any in
 * {@code standardizer.specs.dir}), then builds the topology the Kafka Streams extension runs. A
 * broken spec or catalog fails the start, before any record is read.
 */
@ApplicationScoped
public class StandardizerTopologyProducer {

    @ConfigProperty(name = "exchange.schema-registry.url", defaultValue = "http://localhost:8081")
    String schemaRegistryUrl;

    /** Extra or overriding specs, laid out as {@code <dir>/<department>/<dataset>.yaml}. */
    @ConfigProperty(name = "standardizer.specs.dir")
    Optional<String> specsDir;

    /** How often each dataset's quality report is brought up to date (wall clock). */
    @ConfigProperty(name = "standardizer.quality.interval", defaultValue = "30s")
    Duration qualityInterval;

    /** Off outside tests: canonical subjects come from provisioning, not from whichever service writes first. */
    @ConfigProperty(name = "exchange.schema-registry.auto-register", defaultValue = "false")
    boolean autoRegisterSchemas;

    /** What the Kafka Streams extension waits for before it starts the topology. */
    @ConfigProperty(name = "quarkus.kafka-streams.topics")
    Optional<List<String>> awaitedTopics;

    /** Singleton, not ApplicationScoped: Kafka Streams reads the Topology's fields, which a client proxy would hide. */
    @Produces
    @Singleton
    Topology topology(ExchangeCatalog catalog, MicrometerStandardizerMetrics metrics) {
        MappingSpecs specs = SpecLoader.load(catalog, specsDir.filter(s -> !s.isBlank()).map(Path::of));
        Set<String> missing = new TreeSet<>(StandardizerTopology.topics(catalog, specs));
        missing.removeAll(awaitedTopics.orElse(List.of()));
        if (!missing.isEmpty()) {
            // Without this, a dataset added to the catalog would start before its raw topic exists
            // and the stream thread would die on a missing source topic.
            throw new IllegalStateException("Add " + missing + " to quarkus.kafka-streams.topics: "
                    + "the service waits for the topics it reads and writes and never creates them");
        }
        return StandardizerTopology.build(catalog, specs,
                new StandardizerTopology.Settings(schemaRegistryUrl, metrics, qualityInterval, autoRegisterSchemas));
    }

    /** A catalog or spec change is a topology change: a static member must not get its old tasks back. */
    @Produces
    @Singleton
    KafkaClientSupplier clients(Topology topology) {
        return new TopologyBoundClientSupplier(topology);
    }
}
