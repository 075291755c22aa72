package civic.exchange.serde;

import civic.exchange.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serializer in Confluent's wire format, subjects by TopicNameStrategy ({@code <topic>-value}
 * or {@code <topic>-key}). The schema id is looked up once per (subject, schema) and cached, and
 * the datum writer once per schema ({@link CompiledDatumWriter}): once warm, a record costs one map
 * lookup plus Avro encoding.
 */
public class ExchangeAvroSerializer<T> implements Serializer<T> {

    private static final byte[] HEADER_PLACEHOLDER = new byte[AvroWireFormat.HEADER_SIZE];

    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private String subjectOverride;
    /** Schema ids by topic (the subject follows from the topic), then by schema. */
    private final Map<String, Map<Schema, Integer>> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

    public ExchangeAvroSerializer() {
    }

    public ExchangeAvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (registry == null) {
            registry = ExchangeSerdeConfig.registry(configs);
        }
        autoRegister = ExchangeSerdeConfig.flag(configs, ExchangeSerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister);
        Object subject = configs.get(ExchangeSerdeConfig.VALUE_SUBJECT);
        subjectOverride = isKey || subject == null ? null : subject.toString();
        idsByTopic.clear();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("Cannot serialize " + data.getClass().getName()
                    + ": expected an Avro record (generated class or GenericRecord)");
        }
        Schema schema = container.getSchema();
        int id = schemaId(topic, schema);
        Buffers b = buffers.get();
        b.out.reset();
        b.out.write(HEADER_PLACEHOLDER, 0, AvroWireFormat.HEADER_SIZE);
        try {
            // Buffered: the encoder writes a record's many small values into its own array and hands
            // the stream (whose every write takes a lock) a few large blocks.
            b.encoder = EncoderFactory.get().binaryEncoder(b.out, b.encoder);
            writers.computeIfAbsent(schema, ExchangeAvroSerializer::writerFor).write(data, b.encoder);
            b.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode a " + schema.getFullName() + " for topic '" + topic + "': " + e.getMessage(), e);
        }
        byte[] bytes = b.out.toByteArray();
        AvroWireFormat.writeHeader(bytes, id);
        return bytes;
    }

    private int schemaId(String topic, Schema schema) {
        Map<Schema, Integer> ids = idsByTopic.computeIfAbsent(topic, t -> new ConcurrentHashMap<>());
        Integer id = ids.get(schema);
        if (id == null) {
            String subject = subjectOverride != null ? subjectOverride : topic + (isKey ? "-key" : "-value");
            id = autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema);
            ids.put(schema, id);
        }
        return id;
    }

    private static DatumWriter<Object> writerFor(Schema schema) {
        // The generated class's own model carries its logical-type conversions (timestamps as Instant).
        return CompiledDatumWriter.of(schema, SpecificData.getForSchema(schema));
    }

    @Override
    public void close() {
        registry.close();
    }

    private static final class Buffers {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder;
    }
}
