package civic.exchange.standardizer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.standardizer.topology.StandardizerMetrics;
import civic.exchange.standardizer.topology.StandardizerTopology;
import civic.exchange.streams.TopologyBoundClientSupplier;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * A standardizer with static group membership restarted at once with a dataset added to its catalog,
 * on a real broker. The added dataset renumbers the sub-topologies after it, so the member's previous
 * assignment, which the group hands a static member back without a rebalance, names tasks of the old
 * topology; bound to the topology's digest, the member rejoins as a new one and runs the new topology.
 * The earlier member is removed from the group rather than waited for: its session timeout here is
 * five minutes, longer than the test waits for the new topology's first record.
 */
class CatalogChangeRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final String BEFORE = """
            departments:
              - id: lighting
                publishes:
                  - {id: streetlights, format: ngsi-ld, entity: facility, key: id}
              - id: sanitation
                publishes:
                  - {id: waste-containers, format: ngsi-ld, entity: facility, key: id}
            """;
    /** The same, with the control cabinets ahead of the streetlights. */
    private static final String AFTER = BEFORE.replace("""
                  - {id: streetlights, format: ngsi-ld, entity: facility, key: id}
            """, """
                  - {id: control-cabinets, format: ngsi-ld, entity: facility, key: id}
                  - {id: streetlights, format: ngsi-ld, entity: facility, key: id}
            """);

    private final BusFixture bus = BusFixtures.shared();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aStaticMemberRestartedWithAnAddedDatasetRunsTheNewTopology() throws IOException {
        Topology before = topology(BEFORE);
        Topology after = topology(AFTER);
        assertThat(subtopologyReading(after, Topics.raw("lighting", "streetlights")))
                .as("the premise: the streetlights' tasks are numbered differently after the change")
                .isNotEqualTo(subtopologyReading(before, Topics.raw("lighting", "streetlights")));
        Properties props = properties();

        try (KafkaStreams first = start(before, props)) {
            publishAndAwaitCanonical(first, "before");
            first.close(Duration.ofSeconds(30));
        }
        try (KafkaStreams second = start(after, props)) {
            publishAndAwaitCanonical(second, "after");
            assertThat(members(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)))
                    .containsExactly("standardizer-pod-0-1-" + TopologyBoundClientSupplier.digest(after));
            // It may be rebalancing again: the previous member's session expires on its own schedule.
            assertThat(second.state().isRunningOrRebalancing()).as("state " + second.state()).isTrue();
            second.close(Duration.ofSeconds(30));
        }
    }

    /** An upgrade: the member that joined before instance ids carried a digest is removed, not waited for. */
    @Test
    void aMemberFromBeforeTheDigestIsRemovedToo() throws IOException {
        Topology topology = topology(BEFORE);
        Properties props = properties();

        try (KafkaStreams legacy = new KafkaStreams(topology, props)) {
            legacy.start();
            publishAndAwaitCanonical(legacy, "legacy");
            assertThat(members(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG))).containsExactly("standardizer-pod-0-1");
            legacy.close(Duration.ofSeconds(30));
        }
        try (KafkaStreams upgraded = start(topology(BEFORE), props)) {
            publishAndAwaitCanonical(upgraded, "upgraded");
            assertThat(members(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)))
                    .containsExactly("standardizer-pod-0-1-" + TopologyBoundClientSupplier.digest(topology));
            upgraded.close(Duration.ofSeconds(30));
        }
    }

    private List<String> members(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().stream()
                    .map(m -> m.groupInstanceId().orElse(m.consumerId())).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot describe group " + group, e);
        }
    }

    private static Topology topology(String catalogYaml) {
        ExchangeCatalog catalog = ExchangeCatalog.load(new ByteArrayInputStream(catalogYaml.getBytes(StandardCharsets.UTF_8)),
                "catalog.yaml");
        return StandardizerTopology.build(catalog,
                SpecLoader.load(catalog, Optional.empty()),
                new StandardizerTopology.Settings(BusFixtures.shared().schemaRegistryUrl(), StandardizerMetrics.NONE));
    }

    private static int subtopologyReading(Topology topology, String topic) {
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet().contains(topic)) {
                    return subtopology.id();
                }
            }
        }
        throw new IllegalStateException("no sub-topology reads " + topic);
    }

    private Properties properties() throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "catalog-change-it-" + run);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("catalog-change").toString());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "standardizer-pod-0");
        // Far longer than the test waits: the earlier member must be removed, not timed out.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 300_000);
        return props;
    }

    private static KafkaStreams start(Topology topology, Properties props) {
        KafkaStreams streams = new KafkaStreams(topology, props, new TopologyBoundClientSupplier(topology));
        streams.start();
        return streams;
    }

    /** A streetlight through the running standardizer: raw in, its canonical facility out. */
    private void publishAndAwaitCanonical(KafkaStreams standardizer, String phase) {
        String localId = "streetlight:catalog-change-" + run + ":" + phase;
        String json = SharedDatasets.streetlightKeyValuesText()
                .replace("\"id\": \"streetlight:guadalajara:4567\"", "\"id\": \"" + localId + "\"");
        ProducerRecord<String, byte[]> raw = new ProducerRecord<>(Topics.raw("lighting", "streetlights"), localId,
                json.getBytes(StandardCharsets.UTF_8));
        ExchangeHeaders.put(raw.headers(), ExchangeHeaders.DEPARTMENT, "lighting");
        ExchangeHeaders.put(raw.headers(), ExchangeHeaders.DATASET, "streetlights");
        ExchangeHeaders.put(raw.headers(), ExchangeHeaders.RECORD_ID, "catalog-change-" + run + "-" + phase);
        ExchangeHeaders.put(raw.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(raw).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce the raw streetlight", e);
        }

        String canonicalId = CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", localId);
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "catalog-change-reader-" + run + "-" + phase,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.canonical(CanonicalEntity.FACILITY), Topics.DLQ_STANDARDIZER));
            await(phase).atMost(PATIENCE)
                    .failFast("the standardizer stopped", () -> standardizer.state() == KafkaStreams.State.ERROR)
                    .until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (record.topic().equals(Topics.DLQ_STANDARDIZER) && localId.equals(record.key())) {
                                throw new AssertionError("rejected: "
                                        + ExchangeHeaders.get(record.headers(), ExchangeHeaders.ERROR_MESSAGE));
                            }
                            keys.add(record.key());
                        }
                        return keys.contains(canonicalId);
                    });
        }
    }
}
