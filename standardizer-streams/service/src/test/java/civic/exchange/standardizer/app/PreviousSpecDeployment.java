package civic.exchange.standardizer.app;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.standardizer.topology.StandardizerMetrics;
import civic.exchange.standardizer.topology.StandardizerTopology;
import civic.exchange.topics.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
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

/**
 * What happened before the service under test started: the standardizer ran with a streetlight
 * spec that did not know FIWARE's {@code defectiveLamp} status yet, and refused the defective lights
 * the lighting department sent (UNKNOWN_CODE), plus one with a latitude out of range. The service
 * then starts with the fixed spec (the shipped one) under the same application id, so it resumes
 * after those records: only a re-drive can bring them back.
 */
public class PreviousSpecDeployment implements QuarkusTestResourceLifecycleManager {

    static final String APPLICATION_ID = "standardizer-redrive-it";
    /** Config key under which the run id reaches the test (record ids and local ids contain it). */
    static final String RUN = "redrive-it.run";
    static final int DEFECTIVE = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Override
    public Map<String, String> start() {
        BusFixture bus = BusFixtures.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExchangeCatalog catalog = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 1; i <= DEFECTIVE; i++) {
                producer.send(raw(streetlight(localId(run, i), "defectiveLamp", null), recordId(run, i))).get();
            }
            producer.send(raw(streetlight(localId(run, 0), "ok", "123"), recordId(run, 0))).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce the raw streetlights", e);
        }

        MappingSpecs specs = previousSpecs(catalog);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("previous-standardizer").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (KafkaStreams previous = new KafkaStreams(StandardizerTopology.build(catalog, specs,
                new StandardizerTopology.Settings(bus.schemaRegistryUrl(), StandardizerMetrics.NONE)), props)) {
            previous.start();
            awaitRejected(bus, run);
            previous.close(Duration.ofSeconds(30));
        }
        return Map.of(
                "kafka.bootstrap.servers", bus.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", bus.bootstrapServers(),
                "exchange.schema-registry.url", bus.schemaRegistryUrl(),
                "quarkus.kafka.devservices.enabled", "false",
                "quarkus.devservices.enabled", "false",
                "quarkus.kafka-streams.application-id", APPLICATION_ID,
                RUN, run);
    }

    /** The shipped specs, but the streetlight spec as it was before FIWARE's 'defectiveLamp' was added. */
    private static MappingSpecs previousSpecs(ExchangeCatalog catalog) {
        MappingSpecs shipped = SpecLoader.load(catalog, Optional.empty());
        String fixed;
        try (var in = PreviousSpecDeployment.class.getClassLoader().getResourceAsStream("mappings/lighting/streetlights.yaml")) {
            fixed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String before = fixed.lines().filter(line -> !line.trim().startsWith("defectiveLamp:"))
                .reduce("", (a, b) -> a + b + "\n");
        if (before.equals(fixed)) {
            throw new IllegalStateException("The shipped streetlight spec no longer maps 'defectiveLamp': adapt the test");
        }
        MappingSpec previous = SpecLoader.load(new ByteArrayInputStream(before.getBytes(StandardCharsets.UTF_8)),
                "previous/streetlights.yaml", catalog.dataset("lighting", "streetlights").orElseThrow());
        List<MappingSpec> all = new ArrayList<>();
        shipped.all().stream().filter(s -> !s.id().equals("lighting/streetlights")).forEach(all::add);
        all.add(previous);
        return MappingSpecs.of(all.toArray(MappingSpec[]::new));
    }

    /** Until every record of this run is on the DLQ, committed. */
    private static void awaitRejected(BusFixture bus, String run) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "previous-deployment-" + run);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> seen = new HashSet<>();
        Instant deadline = Instant.now().plus(PATIENCE);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DLQ_STANDARDIZER));
            while (seen.size() < DEFECTIVE + 1) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("The previous standardizer rejected only " + seen + " within " + PATIENCE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = ExchangeHeaders.get(record.headers(), ExchangeHeaders.RECORD_ID);
                    if (id != null && id.startsWith("redrive-" + run)) {
                        seen.add(id);
                    }
                }
            }
        }
    }

    static String localId(String run, int i) {
        return "streetlight:redrive-" + run + ":" + i;
    }

    static String recordId(String run, int i) {
        return "redrive-" + run + "-" + i;
    }

    /** The FIWARE keyValues streetlight under another id, with a status and optionally a latitude. */
    private static byte[] streetlight(String localId, String status, String latitude) {
        String json = SharedDatasets.streetlightKeyValuesText()
                .replace("\"id\": \"streetlight:guadalajara:4567\"", "\"id\": \"" + localId + "\"")
                .replace("\"status\": \"ok\"", "\"status\": \"" + status + "\"");
        if (latitude != null) {
            json = json.replace("40.62785133667262", latitude);
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, byte[]> raw(byte[] value, String recordId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.raw("lighting", "streetlights"), recordId, value);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, "lighting");
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, "streetlights");
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_ID, recordId);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.CORRELATION_ID, "corr-" + recordId);
        ExchangeHeaders.put(record.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
        return record;
    }

    @Override
    public void stop() {
        // The bus is shared by the module's test classes; it closes when the JVM exits.
    }
}
