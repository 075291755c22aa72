package civic.exchange.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void builtInSystemsKeepTheirNamesAndAliases() {
        assertThat(Crs.byName("wgs84")).containsSame(Crs.WGS84);
        assertThat(Crs.byName(" epsg:900913 ")).containsSame(Crs.EPSG_3857);
        assertThat(Crs.byName("GCJ02")).containsSame(Crs.GCJ_02);
        assertThat(Crs.GCJ_02.name()).isEqualTo("GCJ-02");
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
    void aSouthernUtmZone() {
        // Perth's own grid (GDA94 / MGA zone 50)
        double[] perth = Crs.byName("EPSG:28350").orElseThrow().toWgs84(392384.913, 6464285.499);
        assertThat(perth[0]).isCloseTo(-31.9523, within(1e-5));
        assertThat(perth[1]).isCloseTo(115.8613, within(1e-5));
    }

    @Test
    void webMercatorFromProj4jAgreesWithTheClosedForm() {
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
    void gcj02ConvertsPointsOnTheGlobeAndPassesOthersThrough() {
        double[] gcj = Gcj02.fromWgs84(31.2304, 121.4737);
        double[] wgs = Crs.GCJ_02.toWgs84(gcj[0], gcj[1]);
        assertThat(GeoDistance.meters(31.2304, 121.4737, wgs[0], wgs[1])).isLessThan(0.001);
        // left for the range check of whoever builds the point
        assertThat(Crs.GCJ_02.toWgs84(123, 121.4737)).containsExactly(123, 121.4737);
        assertThat(Crs.GCJ_02.toWgs84(Double.NaN, 121.4737)[1]).isEqualTo(121.4737);
    }

    @Test
    void unknownCodesAndNamesAreEmpty() {
        assertThat(Crs.byName("EPSG:999999")).isEmpty();
        assertThat(Crs.byName("EPSG:1")).isEmpty();
        assertThat(Crs.byName("Lambert-93")).isEmpty();
        assertThat(Crs.byName(null)).isEmpty();
    }

    @Test
    void aDatumOnlyGridFilesShiftIsRefusedRatherThanConvertedTensOfMetresOff() {
        // NAD27 / UTM 18N: proj4j has no shift for NAD27 without the US grid files
        assertThat(Crs.byName("EPSG:26718")).isEmpty();
        assertThat(Crs.gridShiftOnlyDatum("epsg:26718")).contains("NAD27");
        // OSGB36 has a published 7-parameter shift, so the British National Grid is taken
        assertThat(Crs.byName("EPSG:27700")).isPresent();
        assertThat(Crs.gridShiftOnlyDatum("EPSG:27700")).isEmpty();
        assertThat(Crs.gridShiftOnlyDatum("EPSG:999999")).isEmpty();
        assertThat(Crs.gridShiftOnlyDatum("GCJ-02")).isEmpty();
        assertThat(Crs.gridShiftOnlyDatum(null)).isEmpty();
    }

    @Test
    void aPointTheProjectionCannotTakeIsAnIllegalArgument() {
        Crs utm33 = Crs.byName("EPSG:25833").orElseThrow();
        assertThatThrownBy(() -> utm33.toWgs84(Double.NaN, 5819699.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x/y NaN/5819699 cannot be converted from EPSG:25833: ");
        assertThatThrownBy(() -> Crs.EPSG_3857.toWgs84(3.0e7, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
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
