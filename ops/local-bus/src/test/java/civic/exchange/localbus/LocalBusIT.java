package civic.exchange.localbus;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionReport.ConfigChange;
import civic.exchange.provision.ProvisionSettings;
import civic.exchange.registry.HttpSchemaRegistryClient;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent local bus as {@code ops/bus up / down / up} uses it: data and schema ids survive a
 * restart, and a restart with other topic settings brings the kept topics to them.
 */
class LocalBusIT {

    private static final ExchangeCatalog CATALOG = ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE);

    @Test
    void keepsRecordsTopicsAndSchemaIdsAcrossRestartAndAppliesChangedTopicSettings(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String topic = Topics.raw("lighting", "streetlights");
        Schema schema = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
        int id;
        try (LocalBus bus = LocalBus.start(data, 0, 0, CATALOG)) {
            assertThat(bus.provisionReport().created()).contains(topic, CanonicalEntity.FACILITY.topic());
            try (Admin admin = Admin.create(bus.clientConfig())) {
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).contains(topic, CanonicalEntity.FACILITY.topic(), Topics.DLQ_STANDARDIZER);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "k1", "kept across restarts")).get();
            }
            id = new HttpSchemaRegistryClient(bus.schemaRegistryUrl(), Duration.ofSeconds(5)).register("probe-value", schema);
        }
        assertThat(Files.exists(data.resolve("meta.properties"))).isTrue();

        ProvisionSettings longerRaw = ProvisionSettings.defaults().withRawRetention(Duration.ofDays(60));
        try (LocalBus bus = LocalBus.start(data, 0, 0, CATALOG, longerRaw)) {
            assertThat(bus.provisionReport().created()).isEmpty();
            assertThat(bus.provisionReport().changed().get(topic)).containsExactly(new ConfigChange(TopicConfig.RETENTION_MS_CONFIG,
                    String.valueOf(Duration.ofDays(30).toMillis()), String.valueOf(Duration.ofDays(60).toMillis())));
            assertThat(bus.provisionReport().changed()).doesNotContainKey(CanonicalEntity.FACILITY.topic());
            assertThat(readAll(bus, topic)).extracting(ConsumerRecord::value).containsExactly("kept across restarts");
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(bus.schemaRegistryUrl(), Duration.ofSeconds(5));
            assertThat(registry.schemaById(id)).isEqualTo(schema);
            assertThat(registry.register("probe-value", schema)).isEqualTo(id);
        }
    }

    @Test
    void ephemeralBusSupportsConsumerGroupsAndTransactions() throws Exception {
        try (LocalBus bus = LocalBus.start(null, 0, 0, CATALOG)) {
            String topic = Topics.raw("lighting", "streetlights");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-bus-it"), new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "committed"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "k", "aborted"));
                producer.abortTransaction();
            }
            assertThat(readAll(bus, topic)).extracting(ConsumerRecord::value).containsExactly("committed");
            assertThat(bus.dataDir()).exists();
        }
    }

    /** Reads the topic from the start with a consumer group, read_committed, until one poll brings nothing new. */
    private static List<ConsumerRecord<String, String>> readAll(LocalBus bus, String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-bus-it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(records::add);
                if (!records.isEmpty() && batch.isEmpty()) {
                    break;
                }
            }
        }
        return records;
    }
}
