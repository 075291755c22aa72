package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.api.LinkRule;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.standardizer.quality.DatasetQuality;
import civic.exchange.standardizer.quality.JsonSerde;
import civic.exchange.standardizer.quality.OptionalFields;
import civic.exchange.standardizer.quality.QualitySnapshot;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.TopicLimits;
import civic.exchange.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * raw.&lt;department&gt;.&lt;dataset&gt; → canonical.&lt;entity&gt; or dlq.standardizer, one
 * independent sub-topology per catalog dataset that has a mapping spec, plus its accounting:
 *
 * <pre>
 * raw ─▶ standardize ─▶ [link] ─▶ encode ─┬▶ route ─┬▶ canonical.&lt;entity&gt;
 *                                         │         │   └▶ xref.facility            (facility datasets)
 *                                         │         └▶ dlq.standardizer
 *                                         └▶ quality-count (store: counters per raw partition)
 *                                    ─▶ quality-snapshots (repartition, 1 partition)
 *                                    ─▶ quality-report (store: latest snapshot per partition) ─▶ quality.dataset
 * canonical.facility ─▶ facility.spatial-index (global store)      xref.facility ─▶ xref.facility (global store)
 *   (each global store only when a loaded spec links by proximity, or by reference)
 * standardize and encode share the dataset's seen-record-ids (window store): standardize drops a
 * record id encode already let through within the dedupe window, counted as a duplicate.
 * </pre>
 *
 * <p>A csv dataset's standardize node also keeps the CSV header rows of its partition in a store
 * ({@code <department>.<dataset>.csv-headers}, RocksDB with a changelog): HTTP ingest writes a
 * file's header row once per partition and batch, and its rows name it by id.
 *
 * <p>Every node, store and repartition topic is named from its dataset
 * ({@code lighting.streetlights.standardize}, {@code lighting.streetlights.quality-counts}), so
 * adding a dataset adds nodes without renaming, and so without resetting, any other's state.
 */
public final class StandardizerTopology {

    private static final Logger LOG = LoggerFactory.getLogger(StandardizerTopology.class);

    /** How often each task reports its counters when none is configured. */
    public static final Duration DEFAULT_QUALITY_INTERVAL = Duration.ofSeconds(30);
    /** What a canonical record may take, key and headers included: below its topic's max.message.bytes. */
    public static final int DEFAULT_MAX_CANONICAL_RECORD_BYTES = TopicLimits.CANONICAL_RECORD_MAX_BYTES;
    /**
     * Retries and re-sends come within minutes; ingest remembers an Idempotency-Key for a day on top.
     * The ids of one window are held in memory.
     */
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofHours(1);

    /**
     * @param schemaRegistryUrl where canonical schemas are registered ({@code mock://scope} in tests)
     * @param metrics           counters; {@link StandardizerMetrics#NONE} when nobody counts
     * @param qualityInterval   wall-clock interval of the quality reports
     * @param autoRegisterSchemas register canonical schemas on first use; off in production, where
     *                          provisioning ({@code ops/bus provision}) registers them
     * @param maxCanonicalRecordBytes a canonical record larger than this, key and headers included,
     *                          goes to the DLQ as {@code RECORD_TOO_LARGE} instead of failing the producer
     * @param dedupeWindow      how long a standardized record id is remembered, so that the same raw
     *                          record published again is counted as a duplicate and written nowhere;
     *                          zero: no deduplication (and no store)
     */
    public record Settings(String schemaRegistryUrl, StandardizerMetrics metrics, Duration qualityInterval,
                           boolean autoRegisterSchemas, int maxCanonicalRecordBytes, Duration dedupeWindow) {

        public Settings {
            if (qualityInterval == null || qualityInterval.isNegative() || qualityInterval.isZero()) {
                throw new IllegalArgumentException("The quality interval must be positive, not " + qualityInterval);
            }
            if (maxCanonicalRecordBytes < 1024) {
                throw new IllegalArgumentException("A canonical record must be allowed at least 1 KiB, not "
                        + maxCanonicalRecordBytes + " bytes");
            }
            if (dedupeWindow == null || dedupeWindow.isNegative()) {
                throw new IllegalArgumentException("The dedupe window must be zero (off) or positive, not " + dedupeWindow);
            }
        }

        public Settings(String schemaRegistryUrl, StandardizerMetrics metrics, Duration qualityInterval,
                        boolean autoRegisterSchemas, int maxCanonicalRecordBytes) {
            this(schemaRegistryUrl, metrics, qualityInterval, autoRegisterSchemas, maxCanonicalRecordBytes,
                    DEFAULT_DEDUPE_WINDOW);
        }

        public Settings(String schemaRegistryUrl, StandardizerMetrics metrics, Duration qualityInterval,
                        boolean autoRegisterSchemas) {
            this(schemaRegistryUrl, metrics, qualityInterval, autoRegisterSchemas, DEFAULT_MAX_CANONICAL_RECORD_BYTES);
        }

        public Settings(String schemaRegistryUrl, StandardizerMetrics metrics, Duration qualityInterval) {
            this(schemaRegistryUrl, metrics, qualityInterval, true);
        }

        public Settings(String schemaRegistryUrl, StandardizerMetrics metrics) {
            this(schemaRegistryUrl, metrics, DEFAULT_QUALITY_INTERVAL);
        }
    }

    private StandardizerTopology() {
    }

    public static Topology build(ExchangeCatalog catalog, MappingSpecs specs, Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        boolean proximity = false;
        boolean references = false;
        Map<Class<?>, Serde<?>> serdes = new HashMap<>();
        List<String> wired = new ArrayList<>();
        for (Dataset dataset : catalog.datasets()) {
            MappingSpec spec = specs.find(dataset).orElse(null);
            if (spec == null) {
                LOG.warn("Dataset {} names mapping spec '{}', which is not loaded: its raw topic {} is not standardized",
                        dataset.qualifiedId(), dataset.mapping(), dataset.rawTopic());
                continue;
            }
            check(catalog, dataset, spec);
            addDataset(builder, dataset, spec, serdeFor(spec.recordClass(), settings, serdes), settings);
            proximity |= spec.link().map(LinkRule::byProximity).orElse(false);
            references |= spec.link().flatMap(LinkRule::reference).isPresent();
            wired.add(dataset.qualifiedId() + " (" + spec.id() + " v" + spec.version()
                    + spec.link().map(l -> ", linked").orElse("") + ")");
        }
        if (wired.isEmpty()) {
            throw new IllegalStateException("No dataset of the exchange catalog " + catalog.source()
                    + " has a loaded mapping spec: nothing to standardize");
        }
        // Last, so that adding one shifts no dataset's sub-topology number.
        FacilityStores.add(builder, settings.schemaRegistryUrl(), proximity, references);
        LOG.info("Standardizing {}", wired);
        return builder.build();
    }

    /** A spec's facility references must name datasets of the catalog that publish facilities. */
    private static void check(ExchangeCatalog catalog, Dataset dataset, MappingSpec spec) {
        for (String referenced : spec.link().flatMap(LinkRule::reference).map(LinkRule.Reference::datasets).orElse(List.of())) {
            String[] parts = referenced.split("/", 2);
            Dataset target = catalog.dataset(parts[0], parts[1]).orElseThrow(() -> new IllegalStateException(
                    "Mapping spec " + spec + " resolves facility references in " + referenced
                            + ", which is not a dataset of the exchange catalog " + catalog.source()));
            if (!target.entity().equals(CanonicalEntity.FACILITY)) {
                throw new IllegalStateException("Mapping spec " + spec + " resolves facility references in "
                        + referenced + ", which publishes '" + target.entity() + "', not facilities");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends SpecificRecord> void addDataset(StreamsBuilder builder, Dataset dataset, MappingSpec spec,
                                                              Serde<R> canonicalSerde, Settings settings) {
        String node = nodePrefix(dataset);
        Duration window = settings.dedupeWindow();
        String seen = window.isZero() ? null : node + "seen-record-ids";
        if (seen != null) {
            builder.addStateStore(SeenRecordIds.store(seen, window));
        }
        String csvHeaders = dataset.format() == DatasetFormat.CSV ? node + "csv-headers" : null;
        if (csvHeaders != null) {
            // Persistent and changelogged: rows of a batch written before a restart or a rebalance
            // still find their header row. Its changelog takes a header row as large as a raw record.
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(csvHeaders),
                    Serdes.String(), Serdes.ByteArray())
                    .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicLimits.RAW_MAX_MESSAGE_BYTES))));
        }
        String[] seenStores = seen == null ? new String[0] : new String[] {seen};
        String[] standardizeStores = Stream.of(csvHeaders, seen).filter(Objects::nonNull).toArray(String[]::new);
        KStream<byte[], Outcome> outcomes = builder
                .stream(dataset.rawTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(node + "source"))
                .process(() -> new StandardizeProcessor(dataset, spec, settings.metrics(), csvHeaders, seen, window),
                        Named.as(node + "standardize"), standardizeStores);
        if (spec.link().isPresent()) {
            LinkRule rule = spec.link().get();
            outcomes = outcomes.process(() -> new LinkProcessor(rule), Named.as(node + "link"));
        }
        Serializer<SpecificRecord> serializer = (Serializer<SpecificRecord>) canonicalSerde.serializer();
        outcomes = outcomes.process(() -> new EncodeProcessor(dataset, spec, serializer, settings.maxCanonicalRecordBytes(),
                settings.metrics(), seen, window), Named.as(node + "encode"), seenStores);
        addAccounting(builder, dataset, spec, outcomes, settings);

        // Straight from the route node to each sink (by name), the sinks' serdes typed per sink.
        String canonicalSink = node + "to-canonical";
        String xrefSink = dataset.entity().equals(CanonicalEntity.FACILITY) ? node + "to-xref" : null;
        String dlqSink = node + "to-dlq";
        KStream<Object, Object> routed = outcomes.process(() -> new RouteProcessor(dataset.department(), dataset.id(),
                canonicalSink, xrefSink, dlqSink), Named.as(node + "route"));
        routed.to(dataset.canonicalTopic(), produced(Serdes.ByteArray(), Serdes.ByteArray(), canonicalSink));
        if (xrefSink != null) {
            // The department's id of each facility it publishes, for records that name it that way.
            routed.to(Topics.XREF_FACILITY, produced(Serdes.String(), Serdes.String(), xrefSink));
        }
        routed.to(Topics.DLQ_STANDARDIZER, produced(Serdes.ByteArray(), Serdes.ByteArray(), dlqSink));
    }

    /** A sink of the route node, which forwards each sink the key and value types its serdes take. */
    @SuppressWarnings("unchecked")
    private static Produced<Object, Object> produced(Serde<?> keys, Serde<?> values, String name) {
        return Produced.with((Serde<Object>) keys, (Serde<Object>) values).withName(name);
    }

    /**
     * Counts each outcome in the task that produced it (the same transaction), then adds the tasks'
     * counts up per dataset behind a single-partition repartition topic: a dataset's report has one
     * key, so one task must see all its partitions' counts.
     */
    private static void addAccounting(StreamsBuilder builder, Dataset dataset, MappingSpec spec,
                                      KStream<byte[], Outcome> outcomes, Settings settings) {
        String node = nodePrefix(dataset);
        OptionalFields optionalFields = OptionalFields.of(spec.recordClass());
        JsonSerde<QualitySnapshot> snapshots = new JsonSerde<>(QualitySnapshot.class);
        String counts = node + "quality-counts";
        String latest = node + "quality-latest";
        // In memory, backed by changelog topics: a few hundred counters per task, restored in an
        // instant after a restart, and no RocksDB flush on every commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(counts), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(latest), Serdes.Integer(), snapshots));
        Duration interval = settings.qualityInterval();
        outcomes
                .process(() -> new QualityCountProcessor(dataset, counts, optionalFields, interval),
                        Named.as(node + "quality-count"), counts)
                .repartition(Repartitioned.<String, QualitySnapshot>as(node + "quality-snapshots")
                        .withKeySerde(Serdes.String()).withValueSerde(snapshots).withNumberOfPartitions(1))
                .process(() -> new QualityReportProcessor(dataset, spec, latest, optionalFields),
                        Named.as(node + "quality-report"), latest)
                .to(Topics.QUALITY_DATASET, Produced.with(Serdes.String(), new JsonSerde<>(DatasetQuality.class))
                        .withName(node + "to-quality"));
    }

    /** {@code lighting.streetlights.}: node names follow the dataset, never the order datasets were added in. */
    static String nodePrefix(Dataset dataset) {
        return dataset.department() + "." + dataset.id() + ".";
    }

    /** One serde per canonical class, shared by the datasets that produce it (one registry client each). */
    @SuppressWarnings("unchecked")
    private static <R extends SpecificRecord> Serde<R> serdeFor(Class<R> type, Settings settings, Map<Class<?>, Serde<?>> serdes) {
        return (Serde<R>) serdes.computeIfAbsent(type, t -> ExchangeAvroSerde.forValues(type, settings.schemaRegistryUrl(),
                Map.of(ExchangeSerdeConfig.AUTO_REGISTER_SCHEMAS, String.valueOf(settings.autoRegisterSchemas()))));
    }
}
