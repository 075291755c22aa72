package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.standardizer.spec.MappingSpec;
import civic.exchange.standardizer.spec.MappingSpecs;
import civic.exchange.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * raw.&lt;department&gt;.&lt;dataset&gt; → canonical.&lt;entity&gt; or dlq.standardizer, one
 * independent sub-topology per catalog dataset that has a mapping spec.
 *
 * <p>Every node is named from the dataset ({@code lighting.streetlights.standardize}), so adding a
 * dataset adds nodes without renaming the others. The topology is stateless: no store, no
 * repartition topic, so scaling out is adding instances up to the raw topics' partition count.
 */
public final class StandardizerTopology {

    private static final Logger LOG = LoggerFactory.getLogger(StandardizerTopology.class);

    /**
     * @param schemaRegistryUrl where canonical schemas are registered ({@code mock://scope} in tests)
     * @param metrics           counters; {@link StandardizerMetrics#NONE} when nobody counts
     */
    public record Settings(String schemaRegistryUrl, StandardizerMetrics metrics) {
    }

    private StandardizerTopology() {
    }

    public static Topology build(ExchangeCatalog catalog, MappingSpecs specs, Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        Map<Class<?>, Serde<?>> serdes = new HashMap<>();
        List<String> wired = new ArrayList<>();
        for (Dataset dataset : catalog.datasets()) {
            MappingSpec spec = specs.find(dataset.mapping()).orElse(null);
            if (spec == null) {
                LOG.warn("Dataset {} names mapping spec '{}', which is not loaded: its raw topic {} is not standardized",
                        dataset.qualifiedId(), dataset.mapping(), dataset.rawTopic());
                continue;
            }
            check(dataset, spec);
            addDataset(builder, dataset, spec, serdeFor(spec.recordClass(), settings, serdes), settings.metrics());
            wired.add(dataset.qualifiedId() + " (" + spec.id() + " v" + spec.version() + ")");
        }
        if (wired.isEmpty()) {
            throw new IllegalStateException("No dataset of the exchange catalog " + catalog.source()
                    + " has a loaded mapping spec: nothing to standardize");
        }
        LOG.info("Standardizing {}", wired);
        return builder.build();
    }

    /**
     * The topics the topology built from this catalog and these specs reads and writes: the raw
     * topic of each standardized dataset, their canonical topics and the DLQ. The service waits for
     * them at start ({@code quarkus.kafka-streams.topics}); it never creates them.
     */
    public static java.util.SortedSet<String> topics(ExchangeCatalog catalog, MappingSpecs specs) {
        java.util.SortedSet<String> topics = new java.util.TreeSet<>();
        for (Dataset dataset : catalog.datasets()) {
            if (specs.find(dataset.mapping()).isPresent()) {
                topics.add(dataset.rawTopic());
                topics.add(dataset.canonicalTopic());
                topics.add(Topics.DLQ_STANDARDIZER);
            }
        }
        return topics;
    }

    /** The spec must produce what the catalog promises subscribers, from the format the department sends. */
    private static void check(Dataset dataset, MappingSpec spec) {
        if (!spec.entity().equals(dataset.entity())) {
            throw new IllegalStateException("Dataset " + dataset.qualifiedId() + " publishes '" + dataset.entity()
                    + "' but its mapping spec " + spec + " produces '" + spec.entity() + "'");
        }
        if (!spec.format().equals(dataset.format())) {
            throw new IllegalStateException("Dataset " + dataset.qualifiedId() + " is catalogued as format '"
                    + dataset.format() + "' but its mapping spec " + spec + " reads '" + spec.format() + "'");
        }
    }

    private static <R extends SpecificRecord> void addDataset(StreamsBuilder builder, Dataset dataset, MappingSpec spec,
                                                              Serde<R> canonicalSerde, StandardizerMetrics metrics) {
        String node = nodePrefix(dataset);
        KStream<byte[], Outcome> outcomes = builder
                .stream(dataset.rawTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(node + "source"))
                .process(() -> new StandardizeProcessor(dataset, spec, metrics), Named.as(node + "standardize"));
        Map<String, KStream<byte[], Outcome>> routes = outcomes
                .split(Named.as(node + "route-"))
                .branch((key, outcome) -> outcome instanceof Outcome.Canonical, Branched.as("canonical"))
                .defaultBranch(Branched.as("rejected"));

        @SuppressWarnings("unchecked")
        Class<R> type = (Class<R>) spec.recordClass();
        routes.get(node + "route-canonical")
                .mapValues(outcome -> type.cast(((Outcome.Canonical) outcome).record()), Named.as(node + "canonical-value"))
                .to(dataset.canonicalTopic(), Produced.with(Serdes.ByteArray(), canonicalSerde).withName(node + "to-canonical"));
        routes.get(node + "route-rejected")
                .mapValues(outcome -> ((Outcome.Rejected) outcome).payload(), Named.as(node + "raw-value"))
                .to(Topics.DLQ_STANDARDIZER, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(node + "to-dlq"));
    }

    /** {@code lighting.streetlights.}: node names follow the dataset, never the order datasets were added in. */
    static String nodePrefix(Dataset dataset) {
        return dataset.department() + "." + dataset.id() + ".";
    }

    /** One serde per canonical class, shared by the datasets that produce it (one registry client each). */
    @SuppressWarnings("unchecked")
    private static <R extends SpecificRecord> Serde<R> serdeFor(Class<R> type, Settings settings, Map<Class<?>, Serde<?>> serdes) {
        return (Serde<R>) serdes.computeIfAbsent(type, t -> ExchangeAvroSerde.forValues(type, settings.schemaRegistryUrl()));
    }
}
