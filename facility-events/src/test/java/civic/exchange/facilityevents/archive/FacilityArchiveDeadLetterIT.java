package civic.exchange.facilityevents.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.serde.AvroWireFormat;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Records the archive cannot read, on the real broker: each goes to dlq.facility-events with the
 * reason and its source coordinates, the archive goes on with the next record of the same
 * partition, and readiness stays UP (nothing is held back).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class FacilityArchiveDeadLetterIT {

    private static final Duration BOUND = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "exchange.schema-registry.url")
    String registryUrl;

    @Test
    void recordsThatCannotBeReadAreDeadLetteredAndTheArchiveGoesOn() throws Exception {
        String localId = "SL-" + UUID.randomUUID().toString().substring(0, 8);
        Facility lamp = TestFacilities.streetlight(localId, FacilityStatus.DEFECTIVE);
        byte[] good = ExchangeAvroSerde.forValues(Facility.class, registryUrl).serializer().serialize(CanonicalEntity.FACILITY.topic(), lamp);
        byte[] notTheWireFormat = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchemaId = ByteBuffer.allocate(good.length).put(AvroWireFormat.MAGIC_BYTE).putInt(987_654)
                .put(good, AvroWireFormat.HEADER_SIZE, good.length - AvroWireFormat.HEADER_SIZE).array();
        byte[] truncatedAvro = Arrays.copyOf(good, AvroWireFormat.HEADER_SIZE + 3);

        Map<Long, String> expectedReasons = new HashMap<>();
        int partition;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            // one key, so all four are on one partition and the good record comes after the bad ones
            byte[] key = lamp.getId().getBytes(StandardCharsets.UTF_8);
            RecordMetadata first = send(producer, key, notTheWireFormat, "lighting");
            expectedReasons.put(first.offset(), "Unknown magic byte 0x7b");
            expectedReasons.put(send(producer, key, unknownSchemaId, "lighting").offset(), "names schema id 987654, which the schema registry does not know");
            expectedReasons.put(send(producer, key, truncatedAvro, "lighting").offset(), "Cannot decode a record with schema id");
            send(producer, key, good, "lighting");
            partition = first.partition();
        }

        await("the good record after the bad ones").atMost(BOUND).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/facilities/{id}", lamp.getId()).then().statusCode(200).body("status", equalTo("DEFECTIVE")));

        List<ConsumerRecord<byte[], byte[]>> deadLetters = deadLettersOf(partition, expectedReasons.keySet());
        assertThat(deadLetters).hasSize(3).allSatisfy(dead -> {
            long offset = Long.parseLong(header(dead, ExchangeHeaders.SOURCE_OFFSET));
            assertThat(header(dead, ExchangeHeaders.ERROR_CODE)).isEqualTo("SCHEMA_VIOLATION");
            assertThat(header(dead, ExchangeHeaders.ERROR_MESSAGE)).contains(expectedReasons.get(offset));
            assertThat(header(dead, ExchangeHeaders.ERROR_STAGE)).isEqualTo(Topics.STAGE_FACILITY_EVENTS);
            assertThat(header(dead, ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(CanonicalEntity.FACILITY.topic());
            assertThat(header(dead, ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(lamp.getId());
        });
        assertThat(deadLetters).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder(notTheWireFormat, unknownSchemaId, truncatedAvro);

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == '" + ArchiveProgressCheck.NAME + "' }.status", equalTo("UP"));
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value, String department)
            throws Exception {
        RecordHeaders headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, department);
        return producer.send(new ProducerRecord<>(CanonicalEntity.FACILITY.topic(), null, key, value, headers)).get();
    }

    /** The dead letters of canonical.facility's {@code partition} at the given offsets, one each, once all are there. */
    private List<ConsumerRecord<byte[], byte[]>> deadLettersOf(int partition, java.util.Set<Long> offsets) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            TopicPartition dlq = new TopicPartition(Topics.DLQ_FACILITY_EVENTS, 0);
            consumer.assign(List.of(dlq));
            consumer.seekToBeginning(List.of(dlq));
            // at-least-once: a record read again after a rebalance may be dead-lettered twice
            Map<Long, ConsumerRecord<byte[], byte[]>> bySourceOffset = new HashMap<>();
            await("dead letters").atMost(BOUND).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (CanonicalEntity.FACILITY.topic().equals(header(r, ExchangeHeaders.SOURCE_TOPIC))
                            && String.valueOf(partition).equals(header(r, ExchangeHeaders.SOURCE_PARTITION))
                            && offsets.contains(Long.parseLong(header(r, ExchangeHeaders.SOURCE_OFFSET)))) {
                        bySourceOffset.putIfAbsent(Long.parseLong(header(r, ExchangeHeaders.SOURCE_OFFSET)), r);
                    }
                });
                return bySourceOffset.size() == offsets.size();
            });
            return List.copyOf(bySourceOffset.values());
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }
}
