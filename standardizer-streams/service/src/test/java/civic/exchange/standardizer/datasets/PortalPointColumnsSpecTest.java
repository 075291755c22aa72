package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.GeoPoint;
import civic.exchange.topics.CanonicalEntity;
import java.io.IOException;
import java.nio.charset.Charset;
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
 * Cities' tree inventories onboarded from the README alone, with their locations as open-data
 * portals and GIS offices export them: in one column, from Opendatasoft (Paris-style: semicolons,
 * windows-1252 after a spreadsheet round trip, {@code geo_point_2d} as "lat, lon", measures in the
 * column names) and from Socrata (New York-style: {@code the_geom} in WKT, longitude first); and as
 * easting/northing columns in the city's own grid (Berlin-style: ETRS89 / UTM 33N, EPSG:25833).
 */
class PortalPointColumnsSpecTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final String PARIS_CATALOG = """
            departments:
              - id: parks
                publishes:
                  - {id: paris-trees, format: csv, encoding: windows-1252, delimiter: ";", entity: facility}
            """;

    private static final String PARIS_SPEC = """
            version: 1
            localId: IDBASE
            fields:
              type: {const: TREE}
              status: {const: IN_SERVICE}
              name:
                path: LIBELLE FRANCAIS
                transforms: [trim]
              location:
                path: geo_point_2d
                transforms: [latlon-point]
              address:
                concat: [LIEU / ADRESSE, ARRONDISSEMENT]
                separator: ", "
            attributes:
              genus: GENRE
              heightM:
                path: HAUTEUR (m)
                transforms: [number, {range: {min: 0, max: 60}}]
              circumferenceM:
                path: CIRCONFERENCE (cm)
                transforms: [number, {unit: {from: cm, to: m}}]
              remarkable: REMARQUABLE
            """;

    private static final String PARIS_HEADER = "IDBASE;LIBELLE FRANCAIS;GENRE;CIRCONFERENCE (cm);HAUTEUR (m);"
            + "LIEU / ADRESSE;ARRONDISSEMENT;REMARQUABLE;geo_point_2d";

    private static final String NYC_CATALOG = """
            departments:
              - id: parks
                publishes:
                  - {id: nyc-street-trees, format: csv, entity: facility}
            """;

    private static final String NYC_SPEC = """
            version: 1
            input: {zone: America/New_York}
            localId: tree_id
            fields:
              type: {const: TREE}
              status:
                path: status
                transforms: [trim]
                codes: {Alive: IN_SERVICE, Dead: RETIRED, Stump: RETIRED}
                unknown: reject
              name: spc_common
              location:
                path: the_geom
                transforms: [wkt-point]
              address: address
              observedAt:
                path: created_at
                transforms: [{timestamp: "MM/dd/yyyy"}]
            attributes:
              health: health
            """;

    private static final String NYC_HEADER = "tree_id,the_geom,created_at,status,health,spc_common,address";

    @Test
    void anOpendatasoftExportWithGeoPoint2d(@TempDir Path dir, TestInfo test) throws IOException {
        try (StandardizerDriver driver = StandardizerDriver.onboarding(dir, PARIS_CATALOG, "parks/paris-trees", PARIS_SPEC, test)) {
            List<String> rows = List.of(
                    "107224;Platane;Platanus;160;15;AVENUE DE SUFFREN;PARIS 7E ARRDT;NON;48.85234612766174, 2.298006567495014",
                    "2002385;Marronnier d'Inde;Aesculus;95;10;JARDIN DES TUILERIES;PARIS 1ER ARRDT;OUI;48.86349, 2.32701",
                    "2011543;Érable plane;Acer;40;5;SQUARE MAURICE GARDETTE;PARIS 11E ARRDT;NON;",
                    "304321;Tilleul argenté;Tilia;120;12;QUAI DE BERCY;PARIS 12E ARRDT;NON;48.8349 2.3812",
                    "99999;Cèdre;Cedrus;300;25;AVENUE FOCH;PARIS 16E ARRDT;OUI;48.8716, 227.95",
                    "100000;Chêne;Quercus;200;88;AVENUE FOCH;PARIS 16E ARRDT;NON;48.8716, 2.2795");
            pipe(driver.raw("parks", "paris-trees"), "paris-trees", PARIS_HEADER, rows, WINDOWS_1252);

            List<Facility> trees = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
            assertThat(trees).extracting(f -> f.getSource().getLocalId()).containsExactly("107224", "2002385", "2011543", "304321");
            Facility plane = trees.get(0);
            assertThat(plane.getLocation()).isEqualTo(new GeoPoint(48.85234612766174, 2.298006567495014));
            assertThat(plane.getAddress()).isEqualTo("AVENUE DE SUFFREN, PARIS 7E ARRDT");
            assertThat(plane.getAttributes()).containsEntry("circumferenceM", "1.6").containsEntry("heightM", "15")
                    .containsEntry("genus", "Platanus").containsEntry("remarkable", "NON");
            assertThat(trees.get(1).getName()).isEqualTo("Marronnier d'Inde");
            assertThat(trees.get(2).getName()).as("windows-1252 read as such").isEqualTo("Érable plane");
            assertThat(trees.get(2).getLocation()).as("an empty geo_point_2d: no location").isNull();
            assertThat(trees.get(3).getLocation()).as("space-separated").isEqualTo(new GeoPoint(48.8349, 2.3812));

            List<TestRecord<String, byte[]>> rejected = driver.dlq().readRecordsToList();
            assertThat(rejected).extracting(StandardizerDriver::errorCode).containsExactly("OUT_OF_RANGE", "OUT_OF_RANGE");
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_FIELD)).isEqualTo("geo_point_2d");
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_MESSAGE))
                    .contains("longitude 227.95 is outside -180..180");
            assertThat(ExchangeHeaders.get(rejected.get(1).headers(), ExchangeHeaders.ERROR_FIELD)).isEqualTo("HAUTEUR (m)");
        }
    }

    @Test
    void aSocrataExportWithWktGeometry(@TempDir Path dir, TestInfo test) throws IOException {
        try (StandardizerDriver driver = StandardizerDriver.onboarding(dir, NYC_CATALOG, "parks/nyc-street-trees", NYC_SPEC, test)) {
            List<String> rows = List.of(
                    "180683,POINT (-73.84421521958048 40.723091773924274),08/27/2015,Alive,Fair,red maple,108-005 70 AVENUE",
                    "200540,POINT (-73.81867945834878 40.79411066708779),09/03/2015,Stump,,,147-074 7 AVENUE",
                    "204026,POINT EMPTY,09/05/2015,Dead,,,1027 GRAND STREET",
                    "204337,\"POINT (-73.9472 407.179)\",09/05/2015,Alive,Good,honeylocust,1101 GRAND STREET",
                    "189565,POINT (-73.9497 40.7116),08/30/2015,Fallen,,,390 MORGAN AVENUE",
                    "190422,\"-73.9497, 40.7116\",08/30/2015,Alive,Good,London planetree,8 COLUMBUS AVENUE");
            pipe(driver.raw("parks", "nyc-street-trees"), "nyc-street-trees", NYC_HEADER, rows, StandardCharsets.UTF_8);

            List<Facility> trees = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
            assertThat(trees).extracting(f -> f.getSource().getLocalId()).containsExactly("180683", "200540", "204026");
            Facility maple = trees.get(0);
            assertThat(maple.getLocation()).as("WKT is longitude first")
                    .isEqualTo(new GeoPoint(40.723091773924274, -73.84421521958048));
            assertThat(maple.getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
            assertThat(maple.getName()).isEqualTo("red maple");
            assertThat(maple.getObservedAt()).as("midnight in New York, summer time").isEqualTo(Instant.parse("2015-08-27T04:00:00Z"));
            assertThat(trees.get(1).getStatus()).isEqualTo(FacilityStatus.RETIRED);
            assertThat(trees.get(2).getLocation()).as("POINT EMPTY: no location").isNull();

            List<TestRecord<String, byte[]>> rejected = driver.dlq().readRecordsToList();
            assertThat(rejected).extracting(StandardizerDriver::errorCode)
                    .containsExactly("OUT_OF_RANGE", "UNKNOWN_CODE", "INVALID_VALUE");
            assertThat(ExchangeHeaders.get(rejected.get(0).headers(), ExchangeHeaders.ERROR_MESSAGE))
                    .contains("latitude 407.179 is outside -90..90 (WKT order is (longitude latitude))");
            assertThat(ExchangeHeaders.get(rejected.get(2).headers(), ExchangeHeaders.ERROR_MESSAGE))
                    .contains("expected a WKT point such as 'POINT (2.3522 48.8566)'");
        }
    }

    @Test
    void aCadastreInTheCitysOwnGrid(@TempDir Path dir, TestInfo test) throws IOException {
        String catalog = """
                departments:
                  - id: parks
                    publishes:
                      - {id: berlin-trees, format: csv, delimiter: ";", entity: facility}
                """;
        String spec = """
                version: 1
                localId: gisid
                fields:
                  type: {const: TREE}
                  status: {const: IN_SERVICE}
                  name: art_dtsch
                  location:
                    point: {x: rechtswert, y: hochwert, crs: "EPSG:25833"}
                """;
        try (StandardizerDriver driver = StandardizerDriver.onboarding(dir, catalog, "parks/berlin-trees", spec, test)) {
            pipe(driver.raw("parks", "berlin-trees"), "berlin-trees", "gisid;art_dtsch;rechtswert;hochwert", List.of(
                    "00008100_000c0f2b;Winter-Linde;389918.0415;5819699.1323",
                    "00008100_000c0f2c;Spitz-Ahorn;3899180415;58196991323"), StandardCharsets.UTF_8);

            List<Facility> trees = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
            assertThat(trees).singleElement().satisfies(linden -> {
                // at the Brandenburg Gate (52.516275, 13.377704; UTM computed independently, see CrsTest)
                assertThat(linden.getLocation().getLatitude()).isCloseTo(52.516275, within(1e-6));
                assertThat(linden.getLocation().getLongitude()).isCloseTo(13.377704, within(1e-6));
                assertThat(linden.getName()).isEqualTo("Winter-Linde");
            });
            assertThat(driver.dlq().readRecordsToList()).as("decimal points lost: far off the globe")
                    .extracting(StandardizerDriver::errorCode).containsExactly("OUT_OF_RANGE");
        }
    }

    private static void pipe(TestInputTopic<String, byte[]> raw, String dataset, String header, List<String> rows, Charset charset) {
        for (int i = 0; i < rows.size(); i++) {
            Headers headers = ingestHeaders("parks", dataset, "r-" + i);
            headers.add(ExchangeHeaders.CSV_HEADER_ROW, header.getBytes(charset));
            raw.pipeInput(new TestRecord<>(null, rows.get(i).getBytes(charset), headers));
        }
    }
}
