package civic.exchange.mapping.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    /** A small valid spec; the tests break one line of it at a time. */
    private static final String VALID = """
            spec: lighting/streetlights
            version: 2
            entity: facility
            input:
              format: ngsi-ld
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
        return SpecLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", null);
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
        MappingSpec spec = SpecLoader.fromClasspath("lighting/streetlights").orElseThrow();
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
                "needs a 'path'");
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
    void unknownEntityFormatAndBadHeaderValuesAreRefused() {
        assertRefused(() -> load(VALID.replace("entity: facility", "entity: spaceship")), 3, "entity",
                "unknown canonical entity 'spaceship'");
        assertRefused(() -> load(VALID.replace("format: ngsi-ld", "format: xml")), 5, "input.format",
                "unknown input format 'xml'");
        assertRefused(() -> load(VALID.replace("version: 2", "version: two")), 2, "version", "whole number");
        assertRefused(() -> load(VALID.replace("spec: lighting/streetlights", "spec: Lighting")), 1, "spec",
                "'<department>/<dataset>'");
        assertRefused(() -> load(VALID.replace("version: 2\n", "")), 1, "version", "is required");
    }

    @Test
    void brokenYamlIsRefusedWithItsLine() {
        assertRefused(() -> load(VALID.replace("  format: ngsi-ld", "  format: [ngsi-ld")), 6, null, "not valid YAML");
        assertRefused(() -> load(VALID.replace("  powerRatingW: powerRating", "  powerRatingW: a\n  powerRatingW: b")),
                21, null, "Duplicate field 'powerRatingW'");
    }

    @Test
    void aSpecFileMustBeWhereItsIdSays(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lighting/poles.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, VALID);
        assertThatThrownBy(() -> SpecLoader.loadDirectory(dir))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.location().source()).isEqualTo(file.toString());
                    assertThat(e.location().line()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("spec");
                    assertThat(e.getMessage()).contains("is the place of spec 'lighting/poles'");
                });
    }

    @Test
    void aSpecsDirectoryAddsAndOverridesSpecsAndRefusesBrokenOnes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lighting/streetlights.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, VALID);
        MappingSpecs specs = SpecLoader.load(List.of("lighting/streetlights"), Optional.of(dir));
        assertThat(specs.find("lighting/streetlights").orElseThrow().version()).as("the directory's spec wins").isEqualTo(2);
        assertThat(specs.find("lighting/streetlights").orElseThrow().source()).isEqualTo(file.toString());

        Path broken = dir.resolve("parks/trees.yaml");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, VALID.replace("lighting/streetlights", "parks/trees").replace("  location:\n", "  height:\n"));
        assertThatThrownBy(() -> SpecLoader.load(List.of("lighting/streetlights"), Optional.of(dir)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.location().source()).isEqualTo(broken.toString());
                    assertThat(e.location().line()).isEqualTo(16);
                    assertThat(e.field()).isEqualTo("fields.height");
                });
    }

    @Test
    void aSpecIdFoundNowhereIsAbsentNotAnError() {
        assertThat(SpecLoader.load(List.of("lighting/unknown"), Optional.empty()).isEmpty()).isTrue();
    }
}
