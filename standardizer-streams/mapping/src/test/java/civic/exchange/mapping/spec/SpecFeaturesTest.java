package civic.exchange.mapping.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.schema.Facility;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec features beyond paths and code tables: refused at load with file, line and field when wrong. */
class SpecFeaturesTest {

    /** A CSV spec using the newer features; the tests break one line of it at a time. */
    private static final String VALID = """
            spec: public-works/pumps
            version: 1
            entity: facility
            input:
              format: csv
              encoding: GBK
              zone: Asia/Shanghai
              delimiter: ";"
              header: false
              columns: [id, name, status, lat, lon, power, head, since, street, number]
            localId:
              concat: [{literal: PS}, id]
              separator: "-"
            fields:
              type: {const: OTHER}
              status:
                path: status
                codes: {running: IN_SERVICE}
                unknown: reject
              location:
                point: {lat: lat, lon: lon, crs: GCJ-02}
              commissionedAt:
                path: since
                transforms: [{timestamp: "yyyy-MM-dd"}]
                invalid: drop
              address:
                concat: [street, number]
                separator: " "
            attributes:
              powerKW:
                path: power
                transforms: [{number: {decimal: ","}}, {unit: {from: W, to: kW}}, {range: {min: 0}}]
              station:
                path: id
                transforms: [{regex: "(\\\\d+)$"}]
            """;

    private static MappingSpec load(String yaml) {
        return SpecLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", null);
    }

    private static void assertRefused(String yaml, int line, String field, String reason) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.location().line()).as("line of: " + e.getMessage()).isEqualTo(line);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith("test.yaml:" + line + ":").contains(reason);
                });
    }

    @Test
    void theValidSpecCompilesWithItsInputDeclarations() {
        MappingSpec spec = load(VALID);
        assertThat(spec.format()).isEqualTo(DatasetFormat.CSV);
        assertThat(spec.encoding()).contains(Charset.forName("GBK"));
        assertThat(spec.zone()).contains(ZoneId.of("Asia/Shanghai"));
        assertThat(load(VALID.replace("  encoding: GBK\n", "")).encoding()).isEmpty();
    }

    @Test
    void aUnixTimeFillsAnInstantFieldAndNothingElse() {
        MappingSpec spec = load(VALID.replace("transforms: [{timestamp: \"yyyy-MM-dd\"}]", "transforms: [{epoch: millis}]"));
        byte[] row = "7;Pump 7;running;22.54;114.05;1500;10;1709280000123;Main St;4".getBytes(StandardCharsets.US_ASCII);
        RecordOrigin origin = new RecordOrigin("public-works", "pumps", "raw.public-works.pumps", 0, 0L, "r-1", null,
                Instant.parse("2024-03-01T12:00:00Z"));

        Facility pump = (Facility) spec.map(row, Charset.forName("GBK"), origin, MappingListener.NONE).record();

        assertThat(pump.getCommissionedAt()).isEqualTo(Instant.parse("2024-03-01T08:00:00.123Z"));
        assertRefused(VALID.replace("transforms: [{timestamp: \"yyyy-MM-dd\"}]", "transforms: [epoch, trim]"), 24,
                "fields.commissionedAt.transforms", "'trim'");
    }

    @Test
    void everyShippedSpecCompiles() {
        for (String id : List.of("lighting/streetlights", "lighting/control-cabinets", "hotline/myla311",
                "hotline/ngsi-service-requests", "open311/georeport-v2", "parks/trees", "sanitation/waste-containers",
                "transport/parking-spots")) {
            MappingSpec spec = SpecLoader.fromClasspath(id).orElseThrow(() -> new AssertionError("no spec " + id));
            assertThat(spec.id()).isEqualTo(id);
        }
        assertThat(SpecLoader.fromClasspath("hotline/myla311").orElseThrow().zone()).contains(ZoneId.of("America/Los_Angeles"));
        assertThat(SpecLoader.fromClasspath("parks/trees").orElseThrow().entity()).isEqualTo(CanonicalEntity.FACILITY);
        assertThat(SpecLoader.fromClasspath("open311/georeport-v2").orElseThrow().entity()).isEqualTo(CanonicalEntity.SERVICE_REQUEST);
    }

    @Test
    void badInputDeclarationsAreRefused() {
        assertRefused(VALID.replace("encoding: GBK", "encoding: KLINGON-8"), 6, "input.encoding", "unknown encoding 'KLINGON-8'");
        assertRefused(VALID.replace("zone: Asia/Shanghai", "zone: Asia/Atlantis"), 7, "input.zone", "unknown zone");
        assertRefused(VALID.replace("delimiter: \";\"", "delimiter: \";;\""), 8, "input.delimiter", "one character");
        assertRefused(VALID.replace("  header: false\n", "  header: true\n"), 9, "input.header", "drop 'columns'");
        assertRefused(VALID.replace("  columns: [id, name, status, lat, lon, power, head, since, street, number]\n", ""),
                9, "input.columns", "must name the columns");
        assertRefused(VALID.replace("columns: [id, name,", "columns: [id, id,"), 10, "input.columns", "'id' is named twice");
        assertRefused(VALID.replace("  delimiter: \";\"\n", "  delimiter: \";\"\n  quote: \";\"\n"), 9, "input",
                "must differ");
        assertRefused(VALID.replace("format: csv", "format: json"), 8, "input.delimiter", "applies to format csv only");
        assertRefused(VALID.replace("  zone: Asia/Shanghai\n", "  zone: Asia/Shanghai\n  sheet: 1\n"), 8, "input.sheet",
                "unknown key 'sheet'");
    }

    @Test
    void badSourcesAreRefused() {
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}", "    point: {x: lat, y: lon, crs: GCJ-02}"),
                21, "fields.location.point.x", "crs GCJ-02 gives 'lat' and 'lon', not 'x'");
        assertRefused(VALID.replace("crs: GCJ-02", "crs: EPSG:999999"), 21, "fields.location.point.crs", "unknown crs");
        assertRefused(VALID.replace("crs: GCJ-02", "crs: EPSG:4267"), 21, "fields.location.point.crs",
                "crs 'EPSG:4267' is on a datum (NAD27) that only grid files shift to WGS84");
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}",
                        "    path: lat\n    transforms: [{latlon-point: {order: yx}}]"), 22, "fields.location.transforms",
                "transform 'latlon-point': 'order' is lat-lon or lon-lat, not 'yx'");
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}",
                        "    path: lat\n    transforms: [{wkt-point: {crs: EPSG:26718}}]"), 22, "fields.location.transforms",
                "transform 'wkt-point': crs 'EPSG:26718' is on a datum (NAD27)");
        assertRefused(VALID.replace("crs: GCJ-02", "crs: EPSG:27700"), 21, "fields.location.point.lat",
                "a projected crs gives 'x' and 'y', not 'lat'");
        assertRefused(VALID.replace("{lat: lat, lon: lon, crs: GCJ-02}", "{lat: lat, crs: GCJ-02}"), 21,
                "fields.location.point.lon", "a point needs 'lon'");
        assertRefused(VALID.replace("    point: {lat: lat", "    path: x\n    point: {lat: lat"), 22, "fields.location",
                "'path' and 'point' are alternatives");
        assertRefused(VALID.replace("concat: [street, number]", "concat: [{literal: \" \"}]"), 27, "fields.address.concat",
                "at least one path");
        assertRefused(VALID.replace("concat: [street, number]", "concat: [street, {text: x}]"), 27, "fields.address.concat",
                "{literal:");
        assertRefused(VALID.replace("    concat: [street, number]\n", "    path: street\n"), 28, "fields.address",
                "'separator' goes with 'concat'");
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}", "    path: lat"), 21, "fields.location",
                "cannot take a source value: add the 'geojson-point', 'latlon-point' or 'wkt-point' transform");
    }

    @Test
    void badTransformArgumentsAndPoliciesAreRefused() {
        assertRefused(VALID.replace("{timestamp: \"yyyy-MM-dd\"}", "{timestamp: \"yyyy-MM-dd hh:mm\"}"), 24,
                "fields.commissionedAt.transforms", "does not read back");
        assertRefused(VALID.replace("  zone: Asia/Shanghai\n", ""), 23, "fields.commissionedAt.transforms",
                "has no offset or zone");
        assertRefused(VALID.replace("invalid: drop", "invalid: ignore"), 25, "fields.commissionedAt.invalid",
                "'reject'");
        assertRefused(VALID.replace("{unit: {from: W, to: kW}}", "{unit: {from: W, to: m}}"), 32,
                "attributes.powerKW.transforms", "cannot convert W (power) to m (length)");
        assertRefused(VALID.replace("{range: {min: 0}}", "{range: {low: 0}}"), 32, "attributes.powerKW.transforms",
                "no option 'low'");
        assertRefused(VALID.replace("(\\\\d+)$", "(\\\\d+$"), 35, "attributes.station.transforms", "invalid pattern");
        assertRefused(VALID.replace("[{number: {decimal: \",\"}}, ", "[{timestamp: \"yyyy-MM-dd\"}, "), 32,
                "attributes.powerKW.transforms", "transform 'unit' cannot take an instant (the result of 'timestamp')");
    }
}
