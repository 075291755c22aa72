package civic.exchange.serde;

import civic.exchange.registry.SchemaRegistryClient;
import civic.exchange.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Avro deserializer for Confluent's wire format. The writer schema is fetched by id once and
 * cached; data is resolved into the reader's schema: a given generated class, the generated class
 * named by the writer schema ({@code specific.avro.reader=true}), or the writer schema itself
 * (GenericRecord).
 *
 * <p>What it throws says whose fault a failure is. The record's bytes ({@link UnreadableRecordException}):
 * not the wire format, a schema id the registry answers 404 for, Avro that does not decode. The
 * registry ({@link SchemaRegistryException}, {@link civic.exchange.registry.SchemaRegistryUnavailableException}
 * while it cannot be reached or answers 5xx): thrown as it is, so the caller retries the record
 * instead of discarding it.
 */
public class ExchangeAvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private final Class<T> type;
    private boolean specific;
    private Schema projection;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public ExchangeAvroDeserializer() {
        this(null, null);
    }

    /** Reads every record into {@code type}, whatever version of its schema it was written with. */
    public ExchangeAvroDeserializer(Class<T> type) {
        this(null, type);
    }

    public ExchangeAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = registry;
        this.type = type;
        this.specific = type != null;
    }

    /**
     * Reads every record into {@code projection}, a reader schema with the same name and a subset of
     * the fields: Avro skips the rest without building them, for readers that need a few fields of
     * large records.
     */
    public static ExchangeAvroDeserializer<org.apache.avro.generic.GenericRecord> projecting(SchemaRegistryClient registry, Schema projection) {
        ExchangeAvroDeserializer<org.apache.avro.generic.GenericRecord> deserializer = new ExchangeAvroDeserializer<>(registry, null);
        deserializer.projection = projection;
        return deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = ExchangeSerdeConfig.registry(configs);
        }
        specific = type != null || ExchangeSerdeConfig.flag(configs, ExchangeSerdeConfig.SPECIFIC_AVRO_READER, false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = AvroWireFormat.schemaId(data, topic);
        DatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            reader = readers.computeIfAbsent(id, schemaId -> readerFor(schemaId, topic));
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, AvroWireFormat.HEADER_SIZE,
                    data.length - AvroWireFormat.HEADER_SIZE, decoders.get());
            decoders.set(decoder);
            return (T) reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableRecordException("Cannot decode a record with schema id " + id + " from topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<Object> readerFor(int id, String topic) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                // The registry answered: no such schema. The record names it, so the record is at fault.
                throw new UnknownSchemaIdException(id, topic, e);
            }
            // Unreachable, 5xx, a refusal: not the record's fault. Thrown as it is, so the record is retried.
            throw e;
        }
        if (projection != null) {
            return new GenericDatumReader<>(writer, projection);
        }
        if (!specific) {
            return new GenericDatumReader<>(writer);
        }
        Schema readerSchema;
        SpecificData model;
        if (type != null && SpecificRecord.class.isAssignableFrom(type)) {
            model = SpecificData.getForClass(type);
            readerSchema = model.getSchema(type);
        } else {
            model = SpecificData.getForSchema(writer);
            Class<?> generated = model.getClass(writer);
            if (generated == null) {
                throw new SerializationException("No generated class for " + writer.getFullName() + " on the classpath");
            }
            readerSchema = model.getSchema(generated);
        }
        // Same schema both sides (the common case): read with the reader's own instance, so Avro
        // resolves nothing per record.
        Schema effectiveWriter = writer.equals(readerSchema) ? readerSchema : writer;
        return (DatumReader<Object>) (DatumReader<?>) new SpecificDatumReader<>(effectiveWriter, readerSchema, model);
    }

    @Override
    public void close() {
        registry.close();
    }
}
