package civic.exchange.standardizer.app;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.standardizer.topology.StandardizerTopology;
import civic.exchange.streams.TopologyBoundClientSupplier;
import civic.exchange.streams.TopologyTopics;
import civic.exchange.streams.failure.BackoffThreadReplacer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the pure topology into Quarkus: loads the specs the catalog names (shipped ones and any in
 * {@code standardizer.specs.dir}), builds the topology the Kafka Streams extension runs, and waits
 * until the topics it reads and writes exist. A broken spec or catalog fails the start, before any
 * record is read.
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

    /** A canonical record larger than this goes to the DLQ as RECORD_TOO_LARGE; below the canonical topics' max.message.bytes. */
    @ConfigProperty(name = "standardizer.canonical.max-record-bytes", defaultValue = "983040")
    int maxCanonicalRecordBytes;

    /** How long a standardized record id is remembered to drop the same raw record published again; 0 = off. */
    @ConfigProperty(name = "standardizer.dedupe.window", defaultValue = "1h")
    Duration dedupeWindow;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    /** How long the service waits at start for the topics its topology reads and writes. */
    @ConfigProperty(name = "standardizer.topics.timeout", defaultValue = "120s")
    Duration topicsTimeout;

    /** Singleton, not ApplicationScoped: Kafka Streams reads the Topology's fields, which a client proxy would hide. */
    @Produces
    @Singleton
    Topology topology(ExchangeCatalog catalog, MicrometerStandardizerMetrics metrics) {
        MappingSpecs specs = SpecLoader.load(catalog, specsDir.filter(s -> !s.isBlank()).map(Path::of));
        Topology topology = StandardizerTopology.build(catalog, specs,
                new StandardizerTopology.Settings(schemaRegistryUrl, metrics, qualityInterval, autoRegisterSchemas,
                        maxCanonicalRecordBytes, dedupeWindow));
        // What to wait for follows from the topology (a dataset added to the catalog adds its raw topic),
        // never from a list kept by hand.
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ProvisionedTopics.await(admin, TopologyTopics.of(topology).all(), topicsTimeout);
        }
        return topology;
    }

    /** Replaces a failed stream thread after a backoff, so an outage is waited out, not skipped. */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler uncaughtExceptionHandler(
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        return new BackoffThreadReplacer(applicationId);
    }

    /** A catalog or spec change is a topology change: a static member must not get its old tasks back. */
    @Produces
    @Singleton
    KafkaClientSupplier clients(Topology topology) {
        return new TopologyBoundClientSupplier(topology);
    }
}
