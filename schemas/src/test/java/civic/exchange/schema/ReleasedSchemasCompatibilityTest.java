package civic.exchange.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when an edit to a canonical .avsc breaks compatibility with a released version
 * (kept in src/test/resources/released/vN), naming the schema, the field and why.
 */
class ReleasedSchemasCompatibilityTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("src/test/resources/released");

    @Test
    void everyCanonicalSchemaIsFullyCompatibleWithEveryReleasedVersion() throws Exception {
        Map<String, Schema> current = SchemaEvolutionCheck.parseFolder(CURRENT);
        List<String> problems = new ArrayList<>();
        List<Path> versions;
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            versions = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(versions).as("released schema versions under " + RELEASED).isNotEmpty();
        for (Path version : versions) {
            SchemaEvolutionCheck.parseFolder(version).forEach((name, released) -> {
                Schema now = current.get(name);
                if (now == null) {
                    problems.add(name + " was released in " + version.getFileName() + " but is gone from " + CURRENT);
                } else {
                    problems.addAll(SchemaEvolutionCheck.problems(name + " vs released " + version.getFileName(), released, now));
                }
            });
        }
        assertThat(problems)
                .withFailMessage("Incompatible change to canonical schemas (subscribers would break):%n%s%n"
                        + "Make the change compatible (new fields need a default; never remove or retype a field without one),"
                        + " or introduce a new entity and topic.", String.join(System.lineSeparator(), problems))
                .isEmpty();
    }

    @Test
    void checkNamesTheFieldOfANewRequiredField() {
        Schema released = Facility.getClassSchema();
        Schema edited = withExtraField(released, "{\"name\":\"ownerBadge\",\"type\":\"string\"}");
        List<String> problems = SchemaEvolutionCheck.problems("Facility", released, edited);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("new readers cannot read").contains("ownerBadge").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void checkNamesTheFieldOfARetypedField() {
        Schema released = SchemaEvolutionCheck.parseFolder(RELEASED.resolve("v1")).get("civic.exchange.schema.GeoPoint");
        Schema edited = new Schema.Parser().parse(released.toString().replace(
                "{\"name\":\"latitude\",\"type\":\"double\"", "{\"name\":\"latitude\",\"type\":\"string\""));
        List<String> problems = SchemaEvolutionCheck.problems("GeoPoint", released, edited);
        assertThat(problems).isNotEmpty().allSatisfy(p -> assertThat(p).contains("latitude"));
    }

    @Test
    void releasedV1ConsumerReadsV2DataAndV2ConsumerReadsV1Data() throws Exception {
        Schema v1 = SchemaEvolutionCheck.parseFolder(RELEASED.resolve("v1")).get("civic.exchange.schema.Facility");
        assertThat(v1.getField("commissionedAt")).as("v1 predates commissionedAt").isNull();

        // v2 writer (the generated class) → v1 reader: the new field is skipped.
        Facility v2Record = sample();
        v2Record.setCommissionedAt(Instant.parse("2007-08-08T00:00:00Z"));
        byte[] v2Bytes = encode(new SpecificDatumWriter<>(Facility.class), v2Record);
        GenericRecord readByV1 = new GenericDatumReader<GenericRecord>(Facility.getClassSchema(), v1)
                .read(null, DecoderFactory.get().binaryDecoder(v2Bytes, null));
        assertThat(readByV1.get("id").toString()).isEqualTo(v2Record.getId());
        assertThat(readByV1.getSchema().getField("commissionedAt")).isNull();

        // v1 writer → v2 reader (the generated class): the new field takes its default.
        GenericRecord v1Record = new GenericDatumReader<GenericRecord>(Facility.getClassSchema(), v1)
                .read(null, DecoderFactory.get().binaryDecoder(v2Bytes, null));
        byte[] v1Bytes = encode(new GenericDatumWriter<>(v1, SpecificData.get()), v1Record);
        Facility readByV2 = new SpecificDatumReader<Facility>(v1, Facility.getClassSchema(), SpecificData.getForClass(Facility.class))
                .read(null, DecoderFactory.get().binaryDecoder(v1Bytes, null));
        assertThat(readByV2.getId()).isEqualTo(v2Record.getId());
        assertThat(readByV2.getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
        assertThat(readByV2.getCommissionedAt()).isNull();
    }

    private static Schema withExtraField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int fields = json.indexOf("\"fields\":[") + "\"fields\":[".length();
        return new Schema.Parser().parse(json.substring(0, fields) + fieldJson + "," + json.substring(fields));
    }

    private static <T> byte[] encode(org.apache.avro.io.DatumWriter<T> writer, T datum) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    static Facility sample() {
        return Facility.newBuilder()
                .setId("f-1").setType(FacilityType.TREE).setStatus(FacilityStatus.IN_SERVICE)
                .setSource(new SourceReference("parks", "trees", "1918"))
                .setProvenance(Provenance.newBuilder().setDepartment("parks").setDataset("trees")
                        .setRawTopic("raw.parks.trees").setRawPartition(0).setRawOffset(0L)
                        .setIngestedAt(Instant.parse("2026-11-25T00:00:00Z"))
                        .setMappingSpec("parks/trees").setMappingVersion(1).build())
                .build();
    }
}
