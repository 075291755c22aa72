package civic.exchange.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * An Avro datum writer worked out once per schema: each field gets its writer when the schema is
 * first seen, so encoding a record is a walk over an array of writers. {@code SpecificDatumWriter}
 * decides the same things per value (which union branch by the datum's schema name, which
 * conversion by its class, all through map lookups), which costs more than the encoding itself.
 *
 * <p>The bytes are exactly what {@code SpecificDatumWriter} (generated classes) or
 * {@code GenericDatumWriter} (generic records) write for the same datum and model.
 */
final class CompiledDatumWriter implements DatumWriter<Object> {

    /** Writes one value of one schema. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(Object datum, Encoder out) throws IOException;
    }

    private final ValueWriter root;

    private CompiledDatumWriter(ValueWriter root) {
        this.root = root;
    }

    /** A writer of {@code schema}'s values, with the logical-type conversions of {@code model}. */
    static DatumWriter<Object> of(Schema schema, GenericData model) {
        return new CompiledDatumWriter(new Compiler(model).compile(schema));
    }

    @Override
    public void setSchema(Schema schema) {
        throw new UnsupportedOperationException("A compiled writer is bound to the schema it was compiled for");
    }

    @Override
    public void write(Object datum, Encoder out) throws IOException {
        root.write(datum, out);
    }

    /** Turns a schema into writers; records are compiled once each, so recursive schemas terminate. */
    private static final class Compiler {

        private final GenericData model;
        private final Map<Schema, RecordWriter> records = new HashMap<>();

        Compiler(GenericData model) {
            this.model = model;
        }

        ValueWriter compile(Schema schema) {
            ValueWriter raw = compileRaw(schema);
            LogicalType logicalType = schema.getLogicalType();
            Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
            if (conversion == null) {
                return raw;
            }
            Class<?> converted = conversion.getConvertedType();
            // As GenericDatumWriter: converted only when the datum is of the conversion's class (a
            // generic record may hold the raw long of a timestamp already).
            return (datum, out) -> raw.write(datum != null && converted.isInstance(datum)
                    ? convert(datum, schema, logicalType, conversion) : datum, out);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object convert(Object datum, Schema schema, LogicalType type, Conversion conversion) {
            return Conversions.convertToRawType(datum, schema, type, conversion);
        }

        private ValueWriter compileRaw(Schema schema) {
            return switch (schema.getType()) {
                case RECORD -> record(schema);
                case UNION -> union(schema);
                case STRING -> CompiledDatumWriter::writeString;
                case ENUM -> enumeration(schema);
                case MAP -> map(schema);
                case ARRAY -> array(schema);
                case INT -> (datum, out) -> out.writeInt(((Number) datum).intValue());
                case LONG -> (datum, out) -> out.writeLong(((Number) datum).longValue());
                case FLOAT -> (datum, out) -> out.writeFloat(((Number) datum).floatValue());
                case DOUBLE -> (datum, out) -> out.writeDouble(((Number) datum).doubleValue());
                case BOOLEAN -> (datum, out) -> out.writeBoolean((Boolean) datum);
                case BYTES -> (datum, out) -> out.writeBytes((ByteBuffer) datum);
                case FIXED -> (datum, out) -> out.writeFixed(((GenericFixed) datum).bytes(), 0, schema.getFixedSize());
                case NULL -> (datum, out) -> out.writeNull();
            };
        }

        private ValueWriter record(Schema schema) {
            RecordWriter writer = records.get(schema);
            if (writer == null) {
                writer = new RecordWriter(schema);
                records.put(schema, writer);
                List<Schema.Field> fields = schema.getFields();
                ValueWriter[] compiled = new ValueWriter[fields.size()];
                for (int i = 0; i < compiled.length; i++) {
                    compiled[i] = compile(fields.get(i).schema());
                }
                writer.fields = compiled;
            }
            return writer;
        }

        private ValueWriter union(Schema schema) {
            List<Schema> branches = schema.getTypes();
            ValueWriter[] writers = new ValueWriter[branches.size()];
            for (int i = 0; i < writers.length; i++) {
                writers[i] = compile(branches.get(i));
            }
            Integer nullIndex = schema.getIndexNamed(Schema.Type.NULL.getName());
            if (nullIndex != null && branches.size() == 2) {
                // The optional field, nearly every union there is: the branch follows from null-ness.
                int isNull = nullIndex;
                int other = 1 - isNull;
                ValueWriter value = writers[other];
                return (datum, out) -> {
                    if (datum == null) {
                        out.writeIndex(isNull);
                        out.writeNull();
                    } else {
                        out.writeIndex(other);
                        value.write(datum, out);
                    }
                };
            }
            return (datum, out) -> {
                int index = model.resolveUnion(schema, datum);
                out.writeIndex(index);
                writers[index].write(datum, out);
            };
        }

        private ValueWriter enumeration(Schema schema) {
            return (datum, out) -> out.writeEnum(datum instanceof Enum<?> constant
                    // a generated enum's constants are declared in the schema's order
                    ? constant.ordinal() : schema.getEnumOrdinal(datum.toString()));
        }

        private ValueWriter map(Schema schema) {
            ValueWriter values = compile(schema.getValueType());
            return (datum, out) -> {
                Map<?, ?> map = (Map<?, ?>) datum;
                int size = map.size();
                int written = 0;
                out.writeMapStart();
                out.setItemCount(size);
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.startItem();
                    out.writeString(entry.getKey().toString());
                    values.write(entry.getValue(), out);
                    written++;
                }
                out.writeMapEnd();
                if (written != size) {
                    throw new ConcurrentModificationException("Size of map written was " + size
                            + ", but number of entries written was " + written + ".");
                }
            };
        }

        private ValueWriter array(Schema schema) {
            ValueWriter elements = compile(schema.getElementType());
            return (datum, out) -> {
                Collection<?> array = (Collection<?>) datum;
                long size = array.size();
                long written = 0;
                out.writeArrayStart();
                out.setItemCount(size);
                for (Object element : array) {
                    out.startItem();
                    elements.write(element, out);
                    written++;
                }
                out.writeArrayEnd();
                if (written != size) {
                    throw new ConcurrentModificationException("Size of array written was " + size
                            + ", but number of elements written was " + written + ".");
                }
            };
        }
    }

    private static void writeString(Object datum, Encoder out) throws IOException {
        // A Utf8 is written as its bytes, a String encoded. Nothing else is taken for a string (as
        // GenericDatumWriter; the "java-class" stringables SpecificDatumWriter also takes are not used here).
        out.writeString((CharSequence) datum);
    }

    /** A record's fields in schema order; a failing field is named in the error, as Avro's writer does. */
    private static final class RecordWriter implements ValueWriter {

        private final Schema schema;
        private ValueWriter[] fields;

        RecordWriter(Schema schema) {
            this.schema = schema;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            IndexedRecord record = (IndexedRecord) datum;
            int i = 0;
            try {
                for (; i < fields.length; i++) {
                    fields[i].write(record.get(i), out);
                }
            } catch (NullPointerException e) {
                throw failure("null value for a non-null", e, i);
            } catch (ClassCastException e) {
                throw failure("value of the wrong type for", e, i);
            }
        }

        private AvroRuntimeException failure(String what, RuntimeException cause, int field) {
            Schema.Field f = schema.getFields().get(field);
            return new AvroRuntimeException(what + " " + f.schema().getType().getName() + " in field " + f.name()
                    + " of " + schema.getFullName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        }
    }
}
