package civic.exchange.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.schema.Facility;
import civic.exchange.schema.Observation;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.WorkOrderEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.RandomData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompiledDatumWriterTest {

    /** Every type Avro has, optional and required, nested, recursive, with logical types. */
    private static final Schema EVERY_TYPE = new Schema.Parser().parse("""
            {"type": "record", "name": "Everything", "namespace": "test", "fields": [
              {"name": "s", "type": "string"},
              {"name": "i", "type": "int"},
              {"name": "l", "type": "long"},
              {"name": "f", "type": "float"},
              {"name": "d", "type": "double"},
              {"name": "b", "type": "boolean"},
              {"name": "n", "type": "null"},
              {"name": "bytes", "type": "bytes"},
              {"name": "fixed", "type": {"type": "fixed", "name": "Four", "size": 4}},
              {"name": "e", "type": {"type": "enum", "name": "Colour", "symbols": ["RED", "GREEN", "BLUE"]}},
              {"name": "optional", "type": ["null", "string"]},
              {"name": "optionalLast", "type": ["string", "null"]},
              {"name": "wide", "type": ["null", "int", "string", {"type": "record", "name": "Inner",
                "fields": [{"name": "x", "type": "double"}]}]},
              {"name": "list", "type": {"type": "array", "items": {"type": "map", "values": ["null", "long"]}}},
              {"name": "next", "type": ["null", "Everything"]},
              {"name": "date", "type": {"type": "int", "logicalType": "date"}},
              {"name": "micros", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
              {"name": "millis", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    static Stream<Class<? extends SpecificRecord>> canonicalClasses() {
        return Stream.of(Facility.class, ServiceRequest.class, Observation.class, WorkOrderEvent.class);
    }

    @ParameterizedTest
    @MethodSource("canonicalClasses")
    void writesTheBytesSpecificDatumWriterWritesForGeneratedClasses(Class<? extends SpecificRecord> type) throws IOException {
        Schema schema = SpecificData.get().getSchema(type);
        SpecificData model = SpecificData.getForSchema(schema);
        DatumWriter<Object> compiled = CompiledDatumWriter.of(schema, model);
        SpecificDatumWriter<Object> reference = new SpecificDatumWriter<>(schema, model);
        int compared = 0;
        for (Object generic : new RandomData(schema, 300, 7L)) {
            // through bytes into the generated class: Strings, Java enums, Instants, as producers hold them
            SpecificRecord record = specific(schema, model, encode(new GenericDatumWriter<>(schema), generic));
            assertThat(encode(compiled, record)).isEqualTo(encode(reference, record));
            compared++;
        }
        assertThat(compared).isEqualTo(300);
    }

    @Test
    void writesTheBytesGenericDatumWriterWritesForEveryTypeWithAndWithoutConversions() throws IOException {
        GenericData plain = new GenericData();
        GenericData converting = new GenericData();
        converting.addLogicalTypeConversion(new TimeConversions.DateConversion());
        converting.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        converting.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        for (GenericData model : List.of(plain, converting)) {
            DatumWriter<Object> compiled = CompiledDatumWriter.of(EVERY_TYPE, model);
            DatumWriter<Object> reference = new GenericDatumWriter<>(EVERY_TYPE, model);
            boolean converted = false;
            for (Object random : new RandomData(EVERY_TYPE, 300, 11L)) {
                // read back with the model: the converting one holds LocalDate and Instant
                Object datum = new GenericDatumReader<>(EVERY_TYPE, EVERY_TYPE, model)
                        .read(null, DecoderFactory.get().binaryDecoder(encode(new GenericDatumWriter<>(EVERY_TYPE), random), null));
                converted |= !(((GenericData.Record) datum).get("date") instanceof Number);
                assertThat(encode(compiled, datum)).isEqualTo(encode(reference, datum));
            }
            assertThat(converted).isEqualTo(model == converting);
        }
    }

    @Test
    void aNullInARequiredFieldNamesTheField() {
        Facility facility = SampleFacilities.streetlight();
        facility.getSource().setLocalId(null);
        DatumWriter<Object> compiled = CompiledDatumWriter.of(facility.getSchema(), SpecificData.getForSchema(facility.getSchema()));

        assertThatThrownBy(() -> encode(compiled, facility))
                .isExactlyInstanceOf(AvroRuntimeException.class)
                .hasMessageContaining("null value for a non-null string in field localId of civic.exchange.schema.SourceReference");
    }

    @Test
    void aValueOfAnotherTypeNamesTheField() {
        GenericData.Record record = new GenericData.Record(EVERY_TYPE);
        record.put("s", 42);

        assertThatThrownBy(() -> encode(CompiledDatumWriter.of(EVERY_TYPE, new GenericData()), record))
                .isExactlyInstanceOf(AvroRuntimeException.class)
                .hasMessageContaining("value of the wrong type for string in field s of test.Everything");
    }

    @Test
    void aMapThatChangesWhileWrittenIsAnErrorNotACorruptRecord() {
        Facility facility = SampleFacilities.streetlight();
        // reports two entries, holds one: what a map changed by another thread mid-write looks like
        facility.setAttributes(new AbstractMap<>() {
            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of(Map.entry("powerRatingW", "5"));
            }

            @Override
            public int size() {
                return 2;
            }
        });
        DatumWriter<Object> compiled = CompiledDatumWriter.of(facility.getSchema(), SpecificData.getForSchema(facility.getSchema()));

        assertThatThrownBy(() -> encode(compiled, facility)).isExactlyInstanceOf(ConcurrentModificationException.class)
                .hasMessageContaining("Size of map written was 2, but number of entries written was 1");
    }

    private static byte[] encode(DatumWriter<Object> writer, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static SpecificRecord specific(Schema schema, SpecificData model, byte[] bytes) throws IOException {
        return new SpecificDatumReader<SpecificRecord>(schema, schema, model)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
