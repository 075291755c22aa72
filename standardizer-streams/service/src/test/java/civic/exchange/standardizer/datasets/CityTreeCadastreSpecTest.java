package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.GeoPoint;
import civic.exchange.topics.CanonicalEntity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another city's tree cadastre onboarded from the README alone: a catalog entry and a spec in the
 * specs directory. Semicolon-separated, ISO-8859-1 (umlauts, ß), decimal commas in measures and
 * in coordinates, a dot in a column name ({@code Baum-Nr.}), dates as {@code dd.MM.yyyy HH:mm} in
 * Vienna time, status codes in German.
 */
class CityTreeCadastreSpecTest {

    private static final String CATALOG = """
            departments:
              - id: parks
                publishes:
                  - id: vienna-trees
                    format: csv
                    encoding: ISO-8859-1
                    delimiter: ";"
                    entity: facility
            """;

    private static final String SPEC = """
            version: 1
            input:
              zone: Europe/Vienna
            localId:
              path: Baum-Nr\\.
              transforms: [trim]
            fields:
              type: {const: TREE}
              status:
                path: ZUSTAND
                transforms: [trim, lowercase]
                codes: {gut: IN_SERVICE, mittel: IN_SERVICE, schlecht: DEFECTIVE, gefällt: RETIRED}
                unknown: UNKNOWN
              name:
                path: GATTUNG_ART
                transforms: [trim]
              location:
                point: {lat: LAT, lon: LON, decimal: ","}
              address:
                path: STRASSE
                transforms: [trim]
              commissionedAt:
                path: ERFASST
                transforms: [{timestamp: "dd.MM.yyyy HH:mm"}]
            attributes:
              plantingYear: PFLANZJAHR
              trunkCircumferenceCm:
                path: STAMMUMFANG
                transforms: [{number: {decimal: ","}}, {range: {min: 0, max: 2000}}]
              district: BEZIRK
            """;

    private static final String HEADER = "Baum-Nr.;GATTUNG_ART;PFLANZJAHR;STAMMUMFANG;BEZIRK;STRASSE;LAT;LON;ZUSTAND;ERFASST";

    @Test
    void theCadastreIsOnboardedWithACatalogEntryAndASpec(@TempDir Path dir, TestInfo test) throws IOException {
        try (StandardizerDriver driver = StandardizerDriver.onboarding(dir, CATALOG, "parks/vienna-trees", SPEC, test)) {
            TestInputTopic<String, byte[]> raw = driver.raw("parks", "vienna-trees");
            List<String> rows = List.of(
                    "1001;Tilia cordata (Winterlinde);1985;182,5;9;Währinger Straße 12;48,2215;16,3561;gut;03.05.2021 14:30",
                    "1002;Acer platanoides;2001;95;9;Nußdorfer Straße 3;48,2260;16,3530;Schlecht;03.05.2021 14:35",
                    "1003;Aesculus hippocastanum;1960;260;18;Gentzgasse 40;48,2290;16,3420;gefällt;04.05.2021 09:00",
                    "1004;Quercus robur;1970;310;19;Hohe Warte 1;48,2480;16,3580;abgestorben;04.05.2021 09:10",
                    "1005;Platanus x hispanica;1999;-5;18;Gentzgasse 41;48,2291;16,3421;gut;04.05.2021 09:05",
                    "1006;Fagus sylvatica;1990;120;19;Hohe Warte 3;48,2481;16,3581;gut;31.02.2021 10:00");
            for (int i = 0; i < rows.size(); i++) {
                Headers headers = ingestHeaders("parks", "vienna-trees", "r-" + i);
                headers.add(ExchangeHeaders.CSV_HEADER_ROW, HEADER.getBytes(StandardCharsets.ISO_8859_1));
                raw.pipeInput(new TestRecord<>(null, rows.get(i).getBytes(StandardCharsets.ISO_8859_1), headers));
            }

            List<Facility> trees = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
            assertThat(trees).extracting(f -> f.getSource().getLocalId()).containsExactly("1001", "1002", "1003", "1004");
            Facility linden = trees.get(0);
            assertThat(linden.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "parks", "vienna-trees", "1001"));
            assertThat(linden.getType()).isEqualTo(FacilityType.TREE);
            assertThat(linden.getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
            assertThat(linden.getName()).isEqualTo("Tilia cordata (Winterlinde)");
            assertThat(linden.getAddress()).as("Latin-1 read as such").isEqualTo("Währinger Straße 12");
            assertThat(linden.getLocation()).isEqualTo(new GeoPoint(48.2215, 16.3561));
            assertThat(linden.getCommissionedAt()).as("14:30 in Vienna, summer time").isEqualTo(Instant.parse("2021-05-03T12:30:00Z"));
            assertThat(linden.getAttributes()).containsEntry("trunkCircumferenceCm", "182.5").containsEntry("plantingYear", "1985")
                    .containsEntry("district", "9");
            assertThat(trees.get(1).getStatus()).as("codes are matched after lowercase").isEqualTo(FacilityStatus.DEFECTIVE);
            assertThat(trees.get(2).getStatus()).as("a code with an umlaut").isEqualTo(FacilityStatus.RETIRED);
            assertThat(trees.get(3).getStatus()).as("unknown code: UNKNOWN, counted").isEqualTo(FacilityStatus.UNKNOWN);

            List<TestRecord<String, byte[]>> rejected = driver.dlq().readRecordsToList();
            assertThat(rejected).extracting(StandardizerDriver::errorCode).containsExactly("OUT_OF_RANGE", "INVALID_DATE");
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_FIELD)).isEqualTo("STAMMUMFANG");
            assertThat(ExchangeHeaders.get(rejected.get(1).headers(), ExchangeHeaders.ERROR_FIELD)).isEqualTo("ERFASST");
            assertThat(rejected.get(1).value()).as("the raw row, byte for byte").isEqualTo(rows.get(5).getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
