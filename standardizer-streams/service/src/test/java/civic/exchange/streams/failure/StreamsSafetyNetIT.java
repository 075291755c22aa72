package civic.exchange.streams.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import civic.exchange.schema.Facility;
import civic.exchange.serde.ExchangeAvroSerde;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The safety net every streams service sets, on a real broker under exactly-once: records that
 * fail go to the DLQ and the stream goes on; an infrastructure failure is retried on a replaced
 * thread, and the record it struck is processed, once, not skipped.
 */
class StreamsSafetyNetIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** How often the "flaky" record still finds the infrastructure down. */
    private static final AtomicInteger OUTAGES_LEFT = new AtomicInteger(2);

    @Test
    void recordFailuresGoToTheDlqAndOutagesAreWaitedOut() throws Exception {
        BusFixture bus = BusFixtures.shared();
        String run = "safety-" + UUID.randomUUID().toString().substring(0, 8);
        String in = run + ".in";
        String avro = run + ".avro";
        String out = run + ".out";
        String dlq = run + ".dlq";
        bus.createTopics(1, in, avro, out, dlq);

        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, run);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("safety").toString());
        properties.putAll(StreamsSafetyNet.properties(dlq, "safety-test"));
        // A replaced thread's consumer does not leave the group (Kafka Streams keeps members on
        // close): its partitions move once its session times out.
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);

        OUTAGES_LEFT.set(2);
        try (KafkaStreams streams = new KafkaStreams(topology(in, avro, out, bus.schemaRegistryUrl()), properties)) {
            streams.setUncaughtExceptionHandler(new BackoffThreadReplacer(run));
            streams.start();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
                for (String value : List.of("a", "boom", "flaky", "b")) {
                    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(in, bytes(value), bytes(value));
                    record.headers().add(ExchangeHeaders.RECORD_ID, bytes("id-" + value));
                    producer.send(record).get();
                }
                // Not the wire format: no magic byte, no schema id.
                producer.send(new ProducerRecord<>(avro, bytes("garbage"), bytes("not avro at all"))).get();
                producer.send(new ProducerRecord<>(in, bytes("c"), bytes("c"))).get();
            }

            List<ConsumerRecord<byte[], byte[]>> written = new ArrayList<>();
            List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(bus)) {
                consumer.subscribe(List.of(out, dlq));
                await().atMost(PATIENCE).dontCatchUncaughtExceptions().until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> (r.topic().equals(out) ? written : deadLetters).add(r));
                    return written.size() >= 4 && deadLetters.size() >= 2;
                });
                // Anything more would be a duplicate: give it a moment to show.
                consumer.poll(Duration.ofSeconds(1)).forEach(r -> (r.topic().equals(out) ? written : deadLetters).add(r));
            }

            assertThat(written).extracting(r -> text(r.value())).containsExactly("a", "flaky", "b", "c");
            assertThat(deadLetters).hasSize(2);
            ConsumerRecord<byte[], byte[]> boom = deadLetters.stream().filter(r -> r.topic().equals(dlq)
                    && "boom".equals(text(r.value()))).findFirst().orElseThrow();
            assertThat(ExchangeHeaders.get(boom.headers(), ExchangeHeaders.ERROR_CODE)).isEqualTo(ErrorCode.INTERNAL_ERROR.name());
            assertThat(ExchangeHeaders.get(boom.headers(), ExchangeHeaders.ERROR_MESSAGE)).contains("poison", "explode");
            assertThat(ExchangeHeaders.get(boom.headers(), ExchangeHeaders.ERROR_STAGE)).isEqualTo("safety-test");
            assertThat(ExchangeHeaders.get(boom.headers(), ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(in);
            assertThat(ExchangeHeaders.get(boom.headers(), ExchangeHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(ExchangeHeaders.get(boom.headers(), ExchangeHeaders.RECORD_ID)).isEqualTo("id-boom");
            ConsumerRecord<byte[], byte[]> garbage = deadLetters.stream().filter(r -> "not avro at all".equals(text(r.value())))
                    .findFirst().orElseThrow();
            assertThat(ExchangeHeaders.get(garbage.headers(), ExchangeHeaders.ERROR_CODE)).isEqualTo(ErrorCode.SCHEMA_VIOLATION.name());
            assertThat(ExchangeHeaders.get(garbage.headers(), ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(avro);

            assertThat(OUTAGES_LEFT.get()).isZero();
            assertThat(StreamsHealth.of(run).current()).hasValueSatisfying(problem ->
                    assertThat(problem.reason()).contains("ConnectException: Connection refused"));
            await().atMost(PATIENCE).dontCatchUncaughtExceptions().until(() -> streams.state() == KafkaStreams.State.RUNNING);
        }
    }

    private static Topology topology(String in, String avro, String out, String registryUrl) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("in"))
                .process(Unreliable::new, Named.as("unreliable"))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("out"));
        builder.stream(avro, Consumed.with(Serdes.ByteArray(), ExchangeAvroSerde.forValues(Facility.class, registryUrl,
                        Map.of())).withName("avro"))
                .mapValues(f -> bytes(f.getId()), Named.as("facility-id"))
                .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("avro-out"));
        return builder.build();
    }

    /** Throws for "boom" (the record's fault) and for "flaky" while the pretend outage lasts. */
    private static final class Unreliable extends ContextualProcessor<byte[], byte[], byte[], byte[]> {
        @Override
        public void process(Record<byte[], byte[]> record) {
            String value = text(record.value());
            if (value.equals("boom")) {
                throw new IllegalStateException("poison: this record makes the processor explode");
            }
            if (value.equals("flaky") && OUTAGES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SerializationException("Cannot look up the schema",
                        new SchemaRegistryException("registry unreachable", new ConnectException("Connection refused")));
            }
            context().forward(record);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(BusFixture bus) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
