package civic.exchange.mapping.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.errors.ErrorCode;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.mapping.TestSpecs;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.schema.Facility;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec features beyond paths and code tables: refused at load with file, line and field when wrong. */
class SpecFeaturesTest {

    /** The catalog's pump ledger: a GBK file with semicolons and no header row, of facilities. */
    private static final Dataset PUMPS = TestSpecs.dataset("public-works/pumps", DatasetFormat.CSV, CanonicalEntity.FACILITY,
            Charset.forName("GBK"), new CsvLayout(';', '"', null,
                    List.of("id", "name", "status", "lat", "lon", "power", "head", "since", "street", "number")));
    /** A spec of a CSV dataset using the newer features; the tests break one line of it at a time. */
    private static final String VALID = """
            version: 1
            input:
              zone: Asia/Shanghai
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
        return TestSpecs.compile(yaml, PUMPS);
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
        assertThat(spec.encoding()).isEqualTo(Charset.forName("GBK"));
        assertThat(spec.zone()).contains(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void aUnixTimeFillsAnInstantFieldAndNothingElse() {
        MappingSpec spec = load(VALID.replace("transforms: [{timestamp: \"yyyy-MM-dd\"}]", "transforms: [{epoch: millis}]"));
        byte[] row = "7;Pump 7;running;22.54;114.05;1500;10;1709280000123;Main St;4".getBytes(StandardCharsets.US_ASCII);
        RecordOrigin origin = new RecordOrigin("public-works", "pumps", "raw.public-works.pumps", 0, 0L, "r-1", null,
                Instant.parse("2024-03-01T12:00:00Z"));

        Facility pump = (Facility) spec.map(row, Charset.forName("GBK"), origin, MappingListener.NONE).record();

        assertThat(pump.getCommissionedAt()).isEqualTo(Instant.parse("2024-03-01T08:00:00.123Z"));
        assertRefused(VALID.replace("transforms: [{timestamp: \"yyyy-MM-dd\"}]", "transforms: [epoch, trim]"), 17,
                "fields.commissionedAt.transforms", "'trim'");
    }

    @Test
    void aDateWrittenSeveralWaysInOneColumnIsReadByTheFirstPatternThatFits() {
        MappingSpec spec = load(VALID.replace("transforms: [{timestamp: \"yyyy-MM-dd\"}]",
                "transforms: [{timestamp: {pattern: [\"yyyy年M月d日\", \"yyyy-M-d\", \"yyyy/M/d\"]}}]"));
        RecordOrigin origin = new RecordOrigin("public-works", "pumps", "raw.public-works.pumps", 0, 0L, "r-1", null,
                Instant.parse("2024-03-01T12:00:00Z"));
        List<String> written = List.of("2015年3月24日", "2008-9-7", "2022/11/27", "24.03.2015");
        List<Instant> read = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String since : written) {
            byte[] row = ("7;Pump 7;running;22.54;114.05;1500;10;" + since + ";Main St;4").getBytes(Charset.forName("GBK"));
            MappingListener listener = new MappingListener() {
                @Override
                public void unknownCode(String spec, String field, String code) {
                }

                @Override
                public void invalidValue(String spec, String field, ErrorCode code) {
                    dropped.add(field + " " + code);
                }
            };
            read.add(((Facility) spec.map(row, null, origin, listener).record()).getCommissionedAt());
        }
        // the zone is the spec's (Asia/Shanghai, UTC+8): midnight there is 16:00 UTC the day before
        assertThat(read).containsExactly(Instant.parse("2015-03-23T16:00:00Z"), Instant.parse("2008-09-06T16:00:00Z"),
                Instant.parse("2022-11-26T16:00:00Z"), null);
        assertThat(dropped).singleElement().asString().endsWith("INVALID_DATE");
        assertRefused(VALID.replace("transforms: [{timestamp: \"yyyy-MM-dd\"}]",
                "transforms: [{timestamp: {pattern: [\"yyyy-M-d\", \"hh:mm\"]}}]"), 17,
                "fields.commissionedAt.transforms", "'hh:mm'");
    }

    @Test
    void everyShippedSpecCompiles() {
        ExchangeCatalog shipped = ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE);
        MappingSpecs specs = SpecLoader.load(shipped, Optional.empty());
        for (Dataset dataset : shipped.datasets()) {
            MappingSpec spec = specs.find(dataset).orElseThrow(() -> new AssertionError("no spec for " + dataset.qualifiedId()));
            assertThat(spec.id()).isEqualTo(dataset.mapping());
            assertThat(spec.entity()).isEqualTo(dataset.entity());
            assertThat(spec.format()).isEqualTo(dataset.format());
        }
        assertThat(specs.all()).extracting(MappingSpec::id).contains("lighting/streetlights", "lighting/control-cabinets",
                "hotline/myla311", "hotline/ngsi-service-requests", "open311/georeport-v2", "parks/trees",
                "sanitation/waste-containers", "transport/parking-spots");
        assertThat(specs.find(shipped.dataset("hotline", "myla311").orElseThrow()).orElseThrow().zone())
                .contains(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void badInputDeclarationsAreRefused() {
        assertRefused(VALID.replace("zone: Asia/Shanghai", "zone: Asia/Atlantis"), 3, "input.zone", "unknown zone");
        assertRefused(VALID.replace("  zone: Asia/Shanghai\n", "  zone: Asia/Shanghai\n  sheet: 1\n"), 4, "input.sheet",
                "unknown key 'sheet'");
    }

    @Test
    void badSourcesAreRefused() {
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}", "    point: {x: lat, y: lon, crs: GCJ-02}"),
                14, "fields.location.point.x", "crs GCJ-02 gives 'lat' and 'lon', not 'x'");
        assertRefused(VALID.replace("crs: GCJ-02", "crs: EPSG:999999"), 14, "fields.location.point.crs", "unknown crs");
        assertRefused(VALID.replace("crs: GCJ-02", "crs: EPSG:4267"), 14, "fields.location.point.crs",
                "crs 'EPSG:4267' is on a datum (NAD27) that only grid files shift to WGS84");
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}",
                        "    path: lat\n    transforms: [{latlon-point: {order: yx}}]"), 15, "fields.location.transforms",
                "transform 'latlon-point': 'order' is lat-lon or lon-lat, not 'yx'");
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}",
                        "    path: lat\n    transforms: [{wkt-point: {crs: EPSG:26718}}]"), 15, "fields.location.transforms",
                "transform 'wkt-point': crs 'EPSG:26718' is on a datum (NAD27)");
        assertRefused(VALID.replace("crs: GCJ-02", "crs: EPSG:27700"), 14, "fields.location.point.lat",
                "a projected crs gives 'x' and 'y', not 'lat'");
        assertRefused(VALID.replace("{lat: lat, lon: lon, crs: GCJ-02}", "{lat: lat, crs: GCJ-02}"), 14,
                "fields.location.point.lon", "a point needs 'lon'");
        assertRefused(VALID.replace("    point: {lat: lat", "    path: x\n    point: {lat: lat"), 15, "fields.location",
                "'path' and 'point' are alternatives");
        assertRefused(VALID.replace("concat: [street, number]", "concat: [{literal: \" \"}]"), 20, "fields.address.concat",
                "at least one path");
        assertRefused(VALID.replace("concat: [street, number]", "concat: [street, {text: x}]"), 20, "fields.address.concat",
                "{literal:");
        assertRefused(VALID.replace("    concat: [street, number]\n", "    path: street\n"), 21, "fields.address",
                "'separator' goes with 'concat'");
        assertRefused(VALID.replace("    point: {lat: lat, lon: lon, crs: GCJ-02}", "    path: lat"), 14, "fields.location",
                "cannot take a source value: add the 'geojson-point', 'latlon-point' or 'wkt-point' transform");
    }

    @Test
    void badTransformArgumentsAndPoliciesAreRefused() {
        assertRefused(VALID.replace("{timestamp: \"yyyy-MM-dd\"}", "{timestamp: \"yyyy-MM-dd hh:mm\"}"), 17,
                "fields.commissionedAt.transforms", "does not read back");
        assertRefused(VALID.replace("  zone: Asia/Shanghai\n", ""), 16, "fields.commissionedAt.transforms",
                "has no offset or zone");
        assertRefused(VALID.replace("invalid: drop", "invalid: ignore"), 18, "fields.commissionedAt.invalid",
                "'reject'");
        assertRefused(VALID.replace("{unit: {from: W, to: kW}}", "{unit: {from: W, to: m}}"), 25,
                "attributes.powerKW.transforms", "cannot convert W (power) to m (length)");
        assertRefused(VALID.replace("{range: {min: 0}}", "{range: {low: 0}}"), 25, "attributes.powerKW.transforms",
                "no option 'low'");
        assertRefused(VALID.replace("(\\\\d+)$", "(\\\\d+$"), 28, "attributes.station.transforms", "invalid pattern");
        assertRefused(VALID.replace("[{number: {decimal: \",\"}}, ", "[{timestamp: \"yyyy-MM-dd\"}, "), 25,
                "attributes.powerKW.transforms", "transform 'unit' cannot take an instant (the result of 'timestamp')");
    }
}
