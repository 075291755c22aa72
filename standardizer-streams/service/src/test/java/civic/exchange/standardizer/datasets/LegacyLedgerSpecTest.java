package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.geo.GeoDistance;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.topics.CanonicalEntity;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A department onboarded with a catalog entry and a spec only, no Java: a legacy pump-station
 * ledger exported as a headerless GBK CSV with semicolons, decimal commas, GCJ-02 coordinates,
 * Chinese dates and heads in feet, dropped into the specs directory.
 */
class LegacyLedgerSpecTest {

    private static final Charset GBK = Charset.forName("GBK");

    private static final String CATALOG = """
            departments:
              - id: public-works
                name: Public Works
                publishes:
                  - id: pump-ledger
                    description: Pump stations from the legacy ledger (GBK CSV)
                    format: csv
                    encoding: GBK
                    delimiter: ";"
                    header: false
                    columns: [编号, 名称, 状态, 纬度, 经度, 功率, 扬程英尺, 投运日期, 街道, 门牌]
                    entity: facility
                subscribes: []
            """;

    private static final String SPEC = """
            version: 1
            input:
              zone: Asia/Shanghai
            localId:
              concat: [{literal: PS}, 编号]
              separator: "-"
            fields:
              type: {const: OTHER}
              status:
                path: 状态
                transforms: [trim]
                codes: {运行: IN_SERVICE, 故障: DEFECTIVE, 检修: UNDER_MAINTENANCE, 停用: OUT_OF_SERVICE}
                unknown: reject
              name: 名称
              location:
                point: {lat: 纬度, lon: 经度, crs: GCJ-02}
              commissionedAt:
                path: 投运日期
                transforms: [{timestamp: "yyyy年M月d日"}]
              address:
                concat: [街道, 门牌]
                separator: " "
            attributes:
              powerKW:
                path: 功率
                transforms: [{number: {decimal: ",", grouping: "."}}, {unit: {from: W, to: kW}}]
              headM:
                path: 扬程英尺
                transforms: [number, {unit: {from: ft, to: m}}, {range: {min: 0, max: 500}}]
              stationNumber:
                path: 编号
                transforms: [{regex: "0*(\\\\d+)$"}]
            """;

    private StandardizerDriver driver(Path dir, String scope, String catalog, String spec) throws IOException {
        return StandardizerDriver.onboarding(dir, catalog, "public-works/pump-ledger", spec, scope);
    }

    @Test
    void aGbkLedgerIsOnboardedWithACatalogEntryAndASpec(@TempDir Path dir, TestInfo test) throws IOException {
        try (StandardizerDriver driver = driver(dir, test.getTestMethod().orElseThrow().getName(), CATALOG, SPEC)) {
            TestInputTopic<String, byte[]> raw = driver.raw("public-works", "pump-ledger");
            List<String> rows = List.of(
                    "0012;\"东风泵站;北\";运行;31.2304;121.4737;1.500,5;32.8;2015年6月1日;中山东一路;18号",
                    "0013;长江泵站;故障;;;750;10;2009年11月30日;;",
                    "0014;黄河泵站;报废;31.2;121.5;1;1;2001年1月1日;外滩;1号",
                    "0015;西湖泵站;运行;31.2;121.5;1;9999;2001年1月1日;外滩;2号");
            for (int i = 0; i < rows.size(); i++) {
                raw.pipeInput(new TestRecord<>("row-" + i, rows.get(i).getBytes(GBK), ingestHeaders("public-works", "pump-ledger", "r-" + i)));
            }

            List<Facility> stations = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
            assertThat(stations).hasSize(2);
            Facility east = stations.get(0);
            assertThat(east.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "public-works", "pump-ledger", "PS-0012"));
            assertThat(east.getName()).isEqualTo("东风泵站;北");
            assertThat(east.getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
            assertThat(east.getAddress()).isEqualTo("中山东一路 18号");
            assertThat(east.getCommissionedAt()).as("midnight in Shanghai").isEqualTo(Instant.parse("2015-05-31T16:00:00Z"));
            assertThat(GeoDistance.meters(31.2304, 121.4737, east.getLocation().getLatitude(), east.getLocation().getLongitude()))
                    .as("GCJ-02 shifted back to WGS84").isBetween(300.0, 800.0);
            assertThat(east.getAttributes()).containsEntry("powerKW", "1.5005").containsEntry("headM", "9.99744")
                    .containsEntry("stationNumber", "12");
            Facility river = stations.get(1);
            assertThat(river.getStatus()).isEqualTo(FacilityStatus.DEFECTIVE);
            assertThat(river.getLocation()).isNull();
            assertThat(river.getAddress()).isNull();
            assertThat(river.getAttributes()).containsEntry("powerKW", "0.75").containsEntry("headM", "3.048");

            List<TestRecord<String, byte[]>> rejected = driver.dlq().readRecordsToList();
            assertThat(rejected).extracting(StandardizerDriver::errorCode).containsExactly("UNKNOWN_CODE", "OUT_OF_RANGE");
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_FIELD)).isEqualTo("状态");
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_MESSAGE)).contains("报废");
            assertThat(ExchangeHeaders.get(rejected.get(1).headers(), ExchangeHeaders.ERROR_FIELD)).isEqualTo("扬程英尺");
        }
    }

    @Test
    void aSpecThatDeclaresWhatItsCatalogEntrySaysIsRefusedAtStart(@TempDir Path dir, TestInfo test) {
        String scope = test.getTestMethod().orElseThrow().getName();
        // HTTP ingest and the standardizer read the rows by one definition, the catalog's: a spec
        // that declares the encoding or the delimiter again is refused with the line to move.
        assertThatThrownBy(() -> driver(dir, scope, CATALOG, SPEC.replace("  zone: Asia/Shanghai\n",
                "  zone: Asia/Shanghai\n  encoding: GBK\n")))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("input.encoding");
                    assertThat(e.location().line()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("public-works/pump-ledger").contains("move 'encoding' there");
                });
        assertThatThrownBy(() -> driver(dir, scope, CATALOG, SPEC.replace("input:\n", "input:\n  delimiter: \";\"\n")))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.field()).isEqualTo("input.delimiter"));
    }
}
