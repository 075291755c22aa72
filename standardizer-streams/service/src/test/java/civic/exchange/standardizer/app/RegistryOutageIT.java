package civic.exchange.standardizer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.localbus.faults.RegistryGate;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The schema registry goes down before the first observation is written: the record waits,
 * readiness says why, and when the registry is back the record arrives, once. Nothing is skipped,
 * nothing goes to the DLQ.
 */
@QuarkusTest
@QuarkusTestResource(value = RegistryOutageIT.GatedRegistry.class, restrictToAnnotatedClass = true)
class RegistryOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String READINGS = Topics.raw("sensors", "readings");
    private static final String CATALOG = """
            departments:
              - id: sensors
                name: Sensors
                publishes:
                  - id: readings
                    format: json
                    entity: observation
                    key: id
            """;
    private static final String SPEC = """
            version: 1
            fields:
              property:
                path: property
              observedAt:
                path: at
                transforms: [timestamp]
              value:
                path: value
            """;

    /** The bus's registry behind a gate the test opens and closes; the service reaches it only so. */
    public static final class GatedRegistry implements QuarkusTestResourceLifecycleManager {

        static RegistryGate gate;

        @Override
        public Map<String, String> start() {
            BusFixtures.shared().createTopics(1, Topics.DLQ_STANDARDIZER);
            gate = RegistryGate.inFrontOf(BusFixtures.shared().schemaRegistryUrl());
            Path dir;
            try {
                dir = Files.createTempDirectory("registry-outage");
                Files.writeString(dir.resolve("catalog.yaml"), CATALOG);
                Files.createDirectories(dir.resolve("specs/sensors"));
                Files.writeString(dir.resolve("specs/sensors/readings.yaml"), SPEC);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BusFixtures.shared().createTopics(3, READINGS, CanonicalEntity.OBSERVATION.topic());
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", BusFixtures.shared().bootstrapServers());
            config.put("quarkus.kafka-streams.bootstrap-servers", BusFixtures.shared().bootstrapServers());
            config.put("exchange.schema-registry.url", gate.url());
            // A dataset of its own, of an entity no other test writes: its first schema lookup is
            // this test's, whatever ran before on the shared bus.
            config.put("exchange.catalog.location", dir.resolve("catalog.yaml").toString());
            config.put("standardizer.specs.dir", dir.resolve("specs").toString());
            config.put("quarkus.kafka-streams.application-id", "standardizer-outage-" + UUID.randomUUID());
            config.put("exchange.streams.failure.quiet-period", "5s");
            // A failed thread's partitions move to its replacement when its session ends.
            config.put("kafka-streams.consumer.session.timeout.ms", "6000");
            config.put("kafka-streams.consumer.heartbeat.interval.ms", "1000");
            return config;
        }

        @Override
        public void stop() {
            if (gate != null) {
                gate.close();
            }
        }
    }

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void aRecordWaitsForTheRegistryAndArrivesOnce() throws Exception {
        RegistryGate gate = GatedRegistry.gate;
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(get(http, ready).statusCode()).isEqualTo(200));

        gate.close503();
        String recordId = "outage-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BusFixtures.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(READINGS, "meter-1", ("{\"id\": \"" + recordId
                    + "\", \"property\": \"powerConsumption\", \"at\": \"2026-12-07T10:00:00Z\", \"value\": 4.2}")
                    .getBytes(StandardCharsets.UTF_8));
            ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, "sensors");
            ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, "readings");
            ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_ID, recordId);
            ExchangeHeaders.put(record.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
            producer.send(record).get();
        }

        await().atMost(PATIENCE).dontCatchUncaughtExceptions().untilAsserted(() -> {
            HttpResponse<String> readiness = get(http, ready);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("standardizer stream failures", "Schema registry unavailable");
        });
        assertThat(gate.refused()).isPositive();
        assertThat(recordsWithId(Topics.DLQ_STANDARDIZER, recordId)).as("an outage is not the record's fault").isZero();

        gate.open();
        await().atMost(PATIENCE).dontCatchUncaughtExceptions()
                .until(() -> recordsWithId(CanonicalEntity.OBSERVATION.topic(), recordId) > 0);
        await().atMost(PATIENCE).dontCatchUncaughtExceptions()
                .untilAsserted(() -> assertThat(get(http, ready).statusCode()).isEqualTo(200));
        assertThat(recordsWithId(CanonicalEntity.OBSERVATION.topic(), recordId)).as("retried, not repeated").isEqualTo(1);
        assertThat(recordsWithId(Topics.DLQ_STANDARDIZER, recordId)).isZero();
    }

    /** Committed records of {@code topic} carrying {@code recordId}, read from the start to the end. */
    private static long recordsWithId(String topic, String recordId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BusFixtures.shared().bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (recordId.equals(ExchangeHeaders.get(r.headers(), ExchangeHeaders.RECORD_ID))) {
                        matching.add(r);
                    }
                });
            }
            return matching.size();
        }
    }

    private static HttpResponse<String> get(HttpClient http, URL url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url.toString())).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
