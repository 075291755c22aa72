package civic.exchange.mapping.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.catalog.MemberPath;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.mapping.TestSpecs;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    /** The catalog's streetlights: NGSI-LD facilities, UTF-8, mapped by the spec lighting/streetlights. */
    private static final Dataset STREETLIGHTS = TestSpecs.dataset("lighting/streetlights", DatasetFormat.NGSI_LD,
            CanonicalEntity.FACILITY);
    /** A small valid spec; the tests break one line of it at a time. */
    private static final String VALID = """
            # lighting/streetlights
            version: 2
            # What the dataset is (ngsi-ld, facility, UTF-8)
            # is its catalog entry's to say;
            # this spec says how its fields map.
            localId:
              path: id
            fields:
              type:
                const: STREETLIGHT
              status:
                path: status
                codes:
                  ok: IN_SERVICE
                unknown: UNKNOWN
              location:
                path: location
                transforms: [geojson-point]
            attributes:
              powerRatingW: powerRating
            """;

    private static MappingSpec load(String yaml) {
        return TestSpecs.compile(yaml, STREETLIGHTS);
    }

    /** A catalog of these datasets, each NGSI-LD facilities published by its department. */
    private static ExchangeCatalog catalog(String... qualifiedIds) {
        StringBuilder yaml = new StringBuilder("departments:\n");
        for (String id : qualifiedIds) {
            String[] parts = id.split("/");
            yaml.append("  - id: ").append(parts[0]).append("\n    publishes:\n      - {id: ").append(parts[1])
                    .append(", format: ngsi-ld, entity: facility}\n");
        }
        return ExchangeCatalog.load(new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)), "catalog.yaml");
    }

    private static void assertRefused(ThrowableAssert.ThrowingCallable load, int line, String field, String reason) {
        assertThatThrownBy(load)
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.location().source()).isEqualTo("test.yaml");
                    assertThat(e.location().line()).as("line of: " + e.getMessage()).isEqualTo(line);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith("test.yaml:" + line + ":").contains(reason);
                });
    }

    @Test
    void theShippedStreetlightSpecCompiles() {
        ExchangeCatalog shipped = ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE);
        MappingSpec spec = SpecLoader.load(shipped, Optional.empty())
                .find(shipped.dataset("lighting", "streetlights").orElseThrow()).orElseThrow();
        assertThat(spec.id()).isEqualTo("lighting/streetlights");
        assertThat(spec.version()).isEqualTo(1);
        assertThat(spec.entity()).isEqualTo(CanonicalEntity.FACILITY);
        assertThat(spec.format()).isEqualTo(DatasetFormat.NGSI_LD);
        assertThat(spec.source()).isEqualTo("classpath:mappings/lighting/streetlights.yaml");
        assertThat(load(VALID).version()).isEqualTo(2);
    }

    @Test
    void anUnknownCanonicalFieldIsRefusedWithItsLine() {
        assertRefused(() -> load(VALID.replace("  location:\n", "  colour:\n")), 16, "fields.colour",
                "'colour' is not a field of canonical facility");
    }

    @Test
    void anUnknownTransformIsRefused() {
        assertRefused(() -> load(VALID.replace("[geojson-point]", "[geojson-point, reproject]")), 18,
                "fields.location.transforms", "unknown transform 'reproject'");
    }

    @Test
    void aCodeMappedToASymbolOutsideTheAvroEnumIsRefused() {
        assertRefused(() -> load(VALID.replace("ok: IN_SERVICE", "ok: WORKING")), 14, "fields.status.codes.ok",
                "'WORKING' is not a symbol of the canonical enum");
        assertRefused(() -> load(VALID.replace("unknown: UNKNOWN", "unknown: MAYBE")), 15, "fields.status.unknown",
                "'MAYBE' is not a symbol");
        assertRefused(() -> load(VALID.replace("const: STREETLIGHT", "const: LAMP")), 10, "fields.type.const",
                "'LAMP' is not a symbol");
    }

    @Test
    void aFieldWithoutPathIsRefused() {
        assertRefused(() -> load(VALID.replace("    path: location\n", "")), 17, "fields.location",
                "needs a 'path'");
        assertRefused(() -> load(VALID.replace("  path: id\n", "  transforms: [trim]\n")), 7, "localId",
                "nothing names each record's id");
    }

    @Test
    void aBadPathIsRefused() {
        assertRefused(() -> load(VALID.replace("path: status", "path: status..code")), 12, "fields.status.path",
                "empty segment");
    }

    @Test
    void aTypoInAKeyIsRefused() {
        assertRefused(() -> load(VALID.replace("    path: status", "    pth: status")), 12, "fields.status.pth",
                "unknown key 'pth'");
        assertRefused(() -> load(VALID + "mapping: x\n"), 21, "mapping", "unknown key 'mapping'");
    }

    @Test
    void aValueOfTheWrongKindForItsFieldIsRefused() {
        assertRefused(() -> load(VALID.replace("transforms: [geojson-point]", "transforms: [trim]")), 17,
                "fields.location", "cannot take text: add the 'latlon-point' or 'wkt-point' transform");
        assertRefused(() -> load(VALID.replace("transforms: [geojson-point]", "transforms: [geojson-point, trim]")), 18,
                "fields.location.transforms", "transform 'trim' cannot take a point");
    }

    @Test
    void aPointsDecimalSeparatorIsAPointOrAComma() {
        String point = VALID.replace("    path: location\n    transforms: [geojson-point]",
                "    point: {lat: LAT, lon: LON, decimal: \";\"}");
        assertRefused(() -> load(point), 17, "fields.location.point.decimal", "is '.' or ',', not ';'");
        assertThat(load(point.replace("decimal: \";\"", "decimal: \",\"")).id()).isEqualTo("lighting/streetlights");
    }

    @Test
    void aRequiredCanonicalFieldLeftUnmappedIsRefused() {
        String withoutStatus = VALID.replace("""
                  status:
                    path: status
                    codes:
                      ok: IN_SERVICE
                    unknown: UNKNOWN
                """, "");
        assertRefused(() -> load(withoutStatus), 9, "fields.status", "requires 'status'");
    }

    @Test
    void codesOnANonEnumFieldAndBadFlagsAreRefused() {
        String codedName = VALID.replace("attributes:\n  powerRatingW: powerRating\n",
                "  name:\n    path: streetPoleNum\n    codes: {a: b}\n");
        assertRefused(() -> load(codedName), 21, "fields.name", "'codes' applies to enum fields only");
        assertRefused(() -> load(VALID.replace("    path: status\n", "    path: status\n    required: yes please\n")),
                13, "fields.status.required", "expected true or false");
    }

    @Test
    void whatTheCatalogSaysIsRefusedInASpec() {
        assertRefused(() -> load("spec: lighting/streetlights\n" + VALID), 1, "spec", "a spec's id is its place");
        assertRefused(() -> load("entity: facility\n" + VALID), 1, "entity", "drop 'entity:'");
        assertRefused(() -> load(VALID + "input:\n  format: ngsi-ld\n"), 22, "input.format", "declared once, in its catalog entry");
        assertRefused(() -> load(VALID + "input:\n  encoding: GBK\n"), 22, "input.encoding", "move 'encoding' there");
        assertRefused(() -> load(VALID + "input:\n  delimiter: \";\"\n"), 22, "input.delimiter", "move 'delimiter' there");
    }

    @Test
    void theCatalogsKeyNamesEachRecordsIdAndTheSpecMayOnlyRefineIt() {
        Dataset keyed = new Dataset("lighting", "streetlights", "test", DatasetFormat.NGSI_LD, StandardCharsets.UTF_8,
                CanonicalEntity.FACILITY, "lighting/streetlights", CsvLayout.DEFAULT, keys("streetPoleNum", "id"));
        String withoutLocalId = VALID.replace("localId:\n  path: id\n", "");
        RecordOrigin origin = new RecordOrigin("lighting", "streetlights", "raw.lighting.streetlights", 0, 0L, "r-1", null,
                Instant.parse("2024-03-01T12:00:00Z"));
        byte[] pole = "{\"id\": \"urn:x:1\", \"streetPoleNum\": \" P-7 \", \"status\": \"ok\"}".getBytes(StandardCharsets.UTF_8);
        byte[] bare = "{\"id\": \"urn:x:1\", \"status\": \"ok\"}".getBytes(StandardCharsets.UTF_8);

        MappingSpec byKey = TestSpecs.compile(withoutLocalId, keyed);
        assertThat(byKey.map(pole, null, origin, MappingListener.NONE).localId()).as("the key, trimmed").isEqualTo("P-7");
        assertThat(byKey.map(bare, null, origin, MappingListener.NONE).localId()).as("the next path of the key").isEqualTo("urn:x:1");

        MappingSpec refined = TestSpecs.compile(VALID.replace("localId:\n  path: id\n",
                "localId:\n  transforms: [trim, {strip-prefix: \"urn:x:\"}]\n"), keyed);
        assertThat(refined.map(bare, null, origin, MappingListener.NONE).localId()).isEqualTo("1");

        assertThatThrownBy(() -> TestSpecs.compile(VALID, keyed))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("localId");
                    assertThat(e.getMessage()).contains("key: [streetPoleNum, id]").contains("drop the path here, or the key there");
                });
        assertThatThrownBy(() -> TestSpecs.compile(VALID.replace("localId:\n  path: id\n",
                "localId:\n  separator: \"-\"\n"), keyed))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.field()).isEqualTo("localId.separator"));
    }

    @Test
    void aDatasetOfAnEntityNoSpecMapsOntoIsRefused() {
        Dataset workOrders = TestSpecs.dataset("maintenance/work-orders", DatasetFormat.JSON, CanonicalEntity.WORK_ORDER);
        assertThatThrownBy(() -> TestSpecs.compile(VALID, workOrders))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.getMessage())
                        .contains("maintenance/work-orders is catalogued as 'work-order', which no spec maps onto")
                        .contains("facility"));
    }

    @Test
    void anEmptyInputSectionIsNoInput() {
        MappingSpec spec = load(VALID + "input:\n");
        assertThat(spec.zone()).isEmpty();
    }

    @Test
    void badVersionsAreRefused() {
        assertRefused(() -> load(VALID.replace("version: 2", "version: two")), 2, "version", "whole number");
        assertRefused(() -> load(VALID.replace("version: 2\n", "")), 5, "version", "is required");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() {
        assertRefused(() -> load(VALID.replace("  path: id\n", "  path: id: x\n")), 7, null, "not valid YAML");
        assertRefused(() -> load(VALID.replace("  powerRatingW: powerRating", "  powerRatingW: a\n  powerRatingW: b")),
                21, null, "Duplicate field 'powerRatingW'");
    }

    @Test
    void aSpecFileMustBeWhereItsIdSays(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("poles.yaml");
        Files.writeString(file, VALID);
        assertThatThrownBy(() -> SpecLoader.load(catalog("lighting/streetlights"), Optional.of(dir)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.location().source()).isEqualTo(file.toString());
                    assertThat(e.getMessage()).contains("<specs dir>/<department>/<dataset>.yaml");
                });
    }

    @Test
    void aSpecsDirectoryAddsAndOverridesSpecsAndRefusesBrokenOnes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lighting/streetlights.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, VALID);
        ExchangeCatalog catalog = catalog("lighting/streetlights");
        MappingSpecs specs = SpecLoader.load(catalog, Optional.of(dir));
        Dataset streetlights = catalog.dataset("lighting", "streetlights").orElseThrow();
        assertThat(specs.find(streetlights).orElseThrow().version()).as("the directory's spec wins").isEqualTo(2);
        assertThat(specs.find(streetlights).orElseThrow().source()).isEqualTo(file.toString());

        Path broken = dir.resolve("parks/trees.yaml");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, VALID.replace("lighting/streetlights", "parks/trees").replace("  location:\n", "  height:\n"));
        assertThat(SpecLoader.load(catalog, Optional.of(dir)).all()).as("a spec no dataset names is not compiled").hasSize(1);
        assertThatThrownBy(() -> SpecLoader.load(catalog("lighting/streetlights", "parks/trees"), Optional.of(dir)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.location().source()).isEqualTo(broken.toString());
                    assertThat(e.location().line()).isEqualTo(16);
                    assertThat(e.field()).isEqualTo("fields.height");
                });
    }

    @Test
    void aSpecIdFoundNowhereIsAbsentNotAnError() {
        assertThat(SpecLoader.load(catalog("lighting/unknown"), Optional.empty()).isEmpty()).isTrue();
    }

    private static List<MemberPath> keys(String... paths) {
        return Stream.of(paths).map(MemberPath::parse).toList();
    }
}
