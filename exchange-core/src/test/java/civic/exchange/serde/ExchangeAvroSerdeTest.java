package civic.exchange.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.registry.InMemorySchemaRegistryClient;
import civic.exchange.registry.RegisteredSchema;
import civic.exchange.registry.SchemaRegistryClient;
import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.registry.SchemaRegistryUnavailableException;
import civic.exchange.schema.Facility;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExchangeAvroSerdeTest {

    private static final String TOPIC = "canonical.facility";
    private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope("serde-test");

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistryClient.dropScope("serde-test");
    }

    @Test
    void framesPlainAvroBinaryWithMagicByteAndBigEndianSchemaId() throws Exception {
        // Occupy low ids so the id under test has bytes in more than one position.
        for (int i = 0; i < 299; i++) {
            registry.register("filler-" + i, Schema.createFixed("F" + i, null, "x", 1));
        }
        Facility facility = SampleFacilities.streetlight();
        byte[] bytes = new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, facility);

        int id = registry.latest(TOPIC + "-value").id();
        assertThat(id).isEqualTo(300);
        assertThat(bytes[0]).isEqualTo((byte) 0x00);
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0x00, 0x00, 0x01, 0x2c);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).containsExactly(plainAvro(facility));
    }

    @Test
    void roundTripsIntoGeneratedClassAndGenericRecord() {
        Facility facility = SampleFacilities.streetlight();
        byte[] bytes = new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, facility);

        Facility specific = new ExchangeAvroDeserializer<>(registry, Facility.class).deserialize(TOPIC, bytes);
        assertThat(specific).isEqualTo(facility);

        ExchangeAvroDeserializer<GenericRecord> generic = new ExchangeAvroDeserializer<>(registry, null);
        GenericRecord record = generic.deserialize(TOPIC, bytes);
        assertThat(record.get("id").toString()).isEqualTo(facility.getId());
        assertThat(record.get("status").toString()).isEqualTo("IN_SERVICE");
    }

    @Test
    void subjectFollowsTopicNameStrategy() {
        Facility facility = SampleFacilities.streetlight();
        ExchangeAvroSerializer<Facility> keySerializer = new ExchangeAvroSerializer<>(registry, true);
        keySerializer.configure(Map.of(), true);
        keySerializer.serialize(TOPIC, facility);
        new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, facility);

        RegisteredSchema key = registry.latest(TOPIC + "-key");
        RegisteredSchema value = registry.latest(TOPIC + "-value");
        assertThat(key.schema()).isEqualTo(Facility.getClassSchema());
        assertThat(value.id()).isEqualTo(key.id());
    }

    @Test
    void storeSerdeWritesUnderTheCanonicalSubjectWithoutRegistering() {
        registry.register(TOPIC + "-value", Facility.getClassSchema());
        ExchangeAvroSerde<Facility> store = ExchangeAvroSerde.forValues(Facility.class, "mock://serde-test", Map.of(
                ExchangeSerdeConfig.AUTO_REGISTER_SCHEMAS, "false", ExchangeSerdeConfig.VALUE_SUBJECT, TOPIC + "-value"));
        byte[] bytes = store.serializer().serialize("facility-events-facility-archive-store-changelog", SampleFacilities.streetlight());
        assertThat(AvroWireFormat.schemaId(bytes, TOPIC)).isEqualTo(registry.latest(TOPIC + "-value").id());
        assertThatThrownBy(() -> registry.latest("facility-events-facility-archive-store-changelog-value"))
                .hasMessageContaining("not found");
    }

    @Test
    void warmSerializerAndDeserializerMakeNoRegistryCalls() {
        CountingRegistry counting = new CountingRegistry(registry);
        ExchangeAvroSerializer<Facility> serializer = new ExchangeAvroSerializer<>(counting, true);
        ExchangeAvroDeserializer<Facility> deserializer = new ExchangeAvroDeserializer<>(counting, Facility.class);
        Facility facility = SampleFacilities.streetlight();
        deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, facility));
        int warm = counting.calls.get();

        for (int i = 0; i < 1000; i++) {
            deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, facility));
        }
        assertThat(warm).isEqualTo(2);
        assertThat(counting.calls.get()).isEqualTo(warm);
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsAClearError() {
        ExchangeAvroSerializer<Facility> serializer = new ExchangeAvroSerializer<>(registry, false);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, SampleFacilities.streetlight()))
                .hasMessageContaining("Schema not found");
    }

    @Test
    void projectionReadsOnlyTheFieldsItNames() {
        byte[] bytes = new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, SampleFacilities.streetlight());
        Schema projection = Schema.createRecord(Facility.getClassSchema().getName(), null, Facility.getClassSchema().getNamespace(), false,
                java.util.List.of(new Schema.Field(Facility.getClassSchema().getField("type"), Facility.getClassSchema().getField("type").schema()),
                        new Schema.Field(Facility.getClassSchema().getField("location"), Facility.getClassSchema().getField("location").schema())));
        GenericRecord read = ExchangeAvroDeserializer.projecting(registry, projection).deserialize(TOPIC, bytes);
        assertThat(read.getSchema().getFields()).hasSize(2);
        assertThat(read.get("type").toString()).isEqualTo("STREETLIGHT");
        assertThat(((GenericRecord) read.get("location")).get("latitude")).isEqualTo(40.62785133667262);
    }

    @Test
    void unknownMagicByteIsAClearError() {
        byte[] bytes = new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, SampleFacilities.streetlight());
        bytes[0] = 0x01;
        ExchangeAvroDeserializer<Facility> deserializer = new ExchangeAvroDeserializer<>(registry, Facility.class);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x01")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void plainJsonOnACanonicalTopicIsRejectedNotMisread() {
        byte[] json = "{\"id\":\"x\"}".getBytes();
        assertThatThrownBy(() -> new ExchangeAvroDeserializer<>(registry, Facility.class).deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b");
    }

    @Test
    void truncatedFrameAndUnknownSchemaIdAreClearErrors() {
        ExchangeAvroDeserializer<Facility> deserializer = new ExchangeAvroDeserializer<>(registry, Facility.class);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than the 5-byte");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 99, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 99");
    }

    @Test
    void anUnknownSchemaIdIsTheRecordsFault() {
        assertThatThrownBy(() -> new ExchangeAvroDeserializer<>(registry, Facility.class).deserialize(TOPIC, new byte[] {0, 0, 0, 0, 99, 2}))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining("schema id 99");
    }

    @Test
    void badBytesAreUnreadableRecordsWhateverIsWrongWithThem() {
        byte[] good = new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, SampleFacilities.streetlight());
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 0x7b;
        byte[] truncatedAvro = Arrays.copyOf(good, 12);
        ExchangeAvroDeserializer<Facility> deserializer = new ExchangeAvroDeserializer<>(registry, Facility.class);

        for (byte[] bad : new byte[][] {wrongMagic, {0, 0, 1}, {0, 0, 0, 0, 99, 2}, truncatedAvro}) {
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bad))
                    .isInstanceOf(UnreadableRecordException.class);
        }
    }

    @Test
    void registryOutageIsThrownAsItIsAndNotCachedSoTheRecordReadsOnceTheRegistryIsBack() {
        byte[] bytes = new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, SampleFacilities.streetlight());
        AtomicBoolean down = new AtomicBoolean(true);
        SchemaRegistryClient flaky = new CountingRegistry(registry) {
            @Override
            public Schema schemaById(int id) {
                if (down.get()) {
                    throw new SchemaRegistryUnavailableException(503, 50301, "Service unavailable");
                }
                return super.schemaById(id);
            }
        };
        ExchangeAvroDeserializer<Facility> deserializer = new ExchangeAvroDeserializer<>(flaky, Facility.class);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .isNotInstanceOf(SerializationException.class);
        down.set(false);
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(SampleFacilities.streetlight());
    }

    @Test
    void aRegistryRefusalOtherThanAnUnknownIdIsNotTheRecordsFault() {
        byte[] bytes = new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, SampleFacilities.streetlight());
        SchemaRegistryClient refusing = new CountingRegistry(registry) {
            @Override
            public Schema schemaById(int id) {
                throw new SchemaRegistryException(401, 40101, "Unauthorized");
            }
        };

        assertThatThrownBy(() -> new ExchangeAvroDeserializer<>(refusing, Facility.class).deserialize(TOPIC, bytes))
                .isExactlyInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void nullsPassThroughAsTombstones() {
        assertThat(new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, null)).isNull();
        assertThat(new ExchangeAvroDeserializer<>(registry, Facility.class).deserialize(TOPIC, null)).isNull();
    }

    @Test
    void serdeConfiguredByMockUrlSharesTheScope() {
        ExchangeAvroSerde<Facility> serde = ExchangeAvroSerde.forValues(Facility.class, "mock://serde-test");
        Facility facility = SampleFacilities.streetlight();
        byte[] bytes = serde.serializer().serialize(TOPIC, facility);
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(facility);
        assertThat(registry.latest(TOPIC + "-value").schema()).isEqualTo(Facility.getClassSchema());
    }

    @Test
    void readsDataWrittenWithAnOlderSchemaVersionIntoTheCurrentClass() throws Exception {
        Schema v1 = withoutField(Facility.getClassSchema(), "commissionedAt");
        Facility current = SampleFacilities.streetlight();
        GenericRecord asV1 = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(Facility.getClassSchema(), v1)
                .read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(plainAvro(current), null));
        byte[] v1Bytes = new ExchangeAvroSerializer<GenericRecord>(registry, true).serialize(TOPIC, asV1);
        int v1Id = AvroWireFormat.schemaId(v1Bytes, TOPIC);
        int v2Id = AvroWireFormat.schemaId(new ExchangeAvroSerializer<Facility>(registry, true).serialize(TOPIC, current), TOPIC);
        assertThat(v1Id).isNotEqualTo(v2Id);

        Facility read = new ExchangeAvroDeserializer<>(registry, Facility.class).deserialize(TOPIC, v1Bytes);
        assertThat(read.getCommissionedAt()).isNull();
        assertThat(read.getId()).isEqualTo(current.getId());
        assertThat(read.getLocation()).isEqualTo(current.getLocation());
        assertThat(read.getProvenance()).isEqualTo(current.getProvenance());
    }

    private static Schema withoutField(Schema schema, String field) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(schema.toString());
        com.fasterxml.jackson.databind.node.ArrayNode fields = (com.fasterxml.jackson.databind.node.ArrayNode) node.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asText().equals(field)) {
                fields.remove(i);
                break;
            }
        }
        return new Schema.Parser().parse(node.toString());
    }

    private static byte[] plainAvro(Facility facility) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Facility.class).write(facility, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static class CountingRegistry implements SchemaRegistryClient {
        final SchemaRegistryClient delegate;
        final AtomicInteger calls = new AtomicInteger();

        CountingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            calls.incrementAndGet();
            return delegate.register(subject, schema);
        }

        @Override
        public int lookup(String subject, Schema schema) {
            calls.incrementAndGet();
            return delegate.lookup(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            calls.incrementAndGet();
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            calls.incrementAndGet();
            return delegate.latest(subject);
        }

        @Override
        public void setCompatibility(String subject, String level) {
            calls.incrementAndGet();
            delegate.setCompatibility(subject, level);
        }

        @Override
        public Optional<String> compatibility(String subject) {
            calls.incrementAndGet();
            return delegate.compatibility(subject);
        }
    }
}
