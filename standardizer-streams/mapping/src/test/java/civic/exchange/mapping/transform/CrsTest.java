package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.errors.ErrorCode;
import civic.exchange.schema.GeoPoint;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Reference coordinates computed independently of proj4j: UTM with Krüger's series, Lambert-93 and
 * the New York State Plane with the conic formulas, all on the GRS80 ellipsoid (which ETRS89, RGF93
 * and NAD83 use and WGS84 matches to a tenth of a millimetre).
 */
class CrsTest {

    private static final double DEGREES_PER_DECIMETRE = 1e-6;

    @Test
    void builtInSystemsKeepTheirSpecNamesAndAliases() {
        assertThat(Crs.byName("wgs84")).containsSame(Crs.WGS84);
        assertThat(Crs.byName(" epsg:900913 ")).containsSame(Crs.EPSG_3857);
        assertThat(Crs.byName("GCJ02")).containsSame(Crs.GCJ_02);
        assertThat(Crs.GCJ_02.specName()).isEqualTo("GCJ-02");
        assertThat(Crs.byName("EPSG:25833")).get().isSameAs(Crs.byName("epsg:25833").orElseThrow());
    }

    @Test
    void aUtmZoneByItsEpsgCode() {
        // the Brandenburg Gate in ETRS89 / UTM 33N, as Berlin's tree cadastre gives it
        Crs utm33 = Crs.byName("EPSG:25833").orElseThrow();
        assertThat(utm33.projected()).isTrue();
        double[] gate = utm33.toWgs84(389918.0415, 5819699.1323);
        assertWithinADecimetre(gate, 52.516275, 13.377704);
    }

    @Test
    void lambert93ByItsEpsgCode() {
        double[] eiffel = Crs.byName("EPSG:2154").orElseThrow().toWgs84(648235.8777, 6862268.3583);
        assertWithinADecimetre(eiffel, 48.858370, 2.294481);
    }

    @Test
    void aStatePlaneInUsSurveyFeet() {
        // the Empire State Building in NAD83 / New York Long Island (ftUS), as NYC 311 exports give X/Y
        double[] building = Crs.byName("EPSG:2263").orElseThrow().toWgs84(988222.2097, 211953.8535);
        assertWithinADecimetre(building, 40.748440, -73.985664);
    }

    @Test
    void aSouthernUtmZoneAgreesWithASpecsPointSource() {
        // Perth's own grid (GDA94 / MGA zone 50): x/y columns, as the Perth inventory could come
        ObjectNode row = JsonNodeFactory.instance.objectNode().put("E", "392384.913").put("N", "6464285.499");
        GeoPoint perth = (GeoPoint) new PointSource(SourcePath.parse("E"), SourcePath.parse("N"),
                Crs.byName("EPSG:28350").orElseThrow()).read(row);
        assertThat(perth.getLatitude()).isCloseTo(-31.9523, within(1e-5));
        assertThat(perth.getLongitude()).isCloseTo(115.8613, within(1e-5));
    }

    @Test
    void webMercatorFromProj4jAgreesWithExchangeCore() {
        Crs viaProj4j = Crs.byName("EPSG:3785").orElseThrow(); // the old code of the same projection
        double[] ours = Crs.EPSG_3857.toWgs84(12895039.6, -3763224.3);
        double[] theirs = viaProj4j.toWgs84(12895039.6, -3763224.3);
        assertThat(theirs[0]).isCloseTo(ours[0], within(1e-9));
        assertThat(theirs[1]).isCloseTo(ours[1], within(1e-9));
    }

    @Test
    void aGeographicEpsgCodeTakesLatitudeAndLongitude() {
        Crs etrs89 = Crs.byName("EPSG:4258").orElseThrow();
        assertThat(etrs89.projected()).isFalse();
        double[] point = etrs89.toWgs84(52.516275, 13.377704);
        assertWithinADecimetre(point, 52.516275, 13.377704);
    }

    @Test
    void unknownCodesAndNamesAreEmpty() {
        assertThat(Crs.byName("EPSG:999999")).isEmpty();
        assertThat(Crs.byName("EPSG:1")).isEmpty();
        assertThat(Crs.byName("Lambert-93")).isEmpty();
        assertThat(Crs.byName(null)).isEmpty();
        assertThat(Crs.names()).contains("EPSG:4326", "EPSG:3857", "GCJ-02", "EPSG:25833");
    }

    @Test
    void aDatumOnlyGridFilesShiftIsRefusedRatherThanConvertedTensOfMetresOff() {
        // NAD27 / UTM 18N: proj4j has no shift for NAD27 without the US grid files
        assertThat(Crs.byName("EPSG:26718")).isEmpty();
        assertThat(Crs.refusal("EPSG:26718")).startsWith("crs 'EPSG:26718' is on a datum (NAD27) that only grid files shift");
        // OSGB36 has a published 7-parameter shift, so the British National Grid is taken
        assertThat(Crs.byName("EPSG:27700")).isPresent();
        assertThat(Crs.refusal("EPSG:999999")).startsWith("unknown crs 'EPSG:999999' (known: EPSG:4326, EPSG:3857, GCJ-02");
    }

    @Test
    void aPointTheProjectionCannotTakeIsOutOfRange() {
        Crs utm33 = Crs.byName("EPSG:25833").orElseThrow();
        assertThatThrownBy(() -> utm33.toWgs84(Double.NaN, 5819699.0))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
    }

    @Test
    void streamThreadsConvertAtTheSameTimeWithoutMixingResults() throws Exception {
        Crs utm33 = Crs.byName("EPSG:25833").orElseThrow();
        double[] expected = utm33.toWgs84(389918.0415, 5819699.1323);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 4).mapToObj(t -> threads.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    // another point in between, so shared scratch state would show
                    utm33.toWgs84(400000 + i, 5800000);
                    double[] gate = utm33.toWgs84(389918.0415, 5819699.1323);
                    if (gate[0] != expected[0] || gate[1] != expected[1]) {
                        return false;
                    }
                }
                return true;
            })).toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** A point within about a decimetre of its reference coordinates. */
    private static void assertWithinADecimetre(double[] point, double latitude, double longitude) {
        assertThat(point[0]).as("latitude").isCloseTo(latitude, within(DEGREES_PER_DECIMETRE));
        assertThat(point[1]).as("longitude").isCloseTo(longitude, within(DEGREES_PER_DECIMETRE));
    }
}
