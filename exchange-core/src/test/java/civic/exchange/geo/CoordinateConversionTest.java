package civic.exchange.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CoordinateConversionTest {

    @Test
    void webMercatorOfAPerthTreeLandsInPerth() {
        // First row of the City of Perth tree inventory (X, Y in EPSG:3857).
        double[] wgs = WebMercator.toWgs84(12897674.3239, -3757874.2832);
        // Perth's city centre is at about -31.95, 115.86.
        assertThat(wgs[0]).isCloseTo(-31.95, within(0.02));
        assertThat(wgs[1]).isCloseTo(115.86, within(0.02));
        double[] back = WebMercator.fromWgs84(wgs[0], wgs[1]);
        assertThat(back[0]).isCloseTo(12897674.3239, within(1e-6));
        assertThat(back[1]).isCloseTo(-3757874.2832, within(1e-6));
    }

    @Test
    void webMercatorOriginAndOutOfRange() {
        assertThat(WebMercator.toWgs84(0, 0)).containsExactly(0.0, 0.0);
        assertThatThrownBy(() -> WebMercator.toWgs84(3.0e7, 0)).hasMessageContaining("outside");
    }

    @Test
    void gcj02ForwardMatchesThePublishedAlgorithm() {
        // Reference values computed by widely used open implementations of the same algorithm.
        double[] gcj = Gcj02.fromWgs84(39.915, 116.404);
        assertThat(gcj[0]).isCloseTo(39.91640428150164, within(1e-9));
        assertThat(gcj[1]).isCloseTo(116.41024449916938, within(1e-9));
    }

    @Test
    void gcj02InverseRecoversWgs84ToUnderAMillimetre() {
        for (double[] p : new double[][] {{39.915, 116.404}, {31.2304, 121.4737}, {22.5431, 114.0579}, {30.6107779, 121.0917077}}) {
            double[] gcj = Gcj02.fromWgs84(p[0], p[1]);
            assertThat(GeoDistance.meters(p[0], p[1], gcj[0], gcj[1])).as("GCJ-02 shift").isBetween(50.0, 1000.0);
            double[] wgs = Gcj02.toWgs84(gcj[0], gcj[1]);
            assertThat(GeoDistance.meters(p[0], p[1], wgs[0], wgs[1])).isLessThan(0.001);
        }
    }

    @Test
    void gcj02LeavesPointsOutsideChinaUnchanged() {
        assertThat(Gcj02.toWgs84(40.62785133667262, -3.164485591715449)).containsExactly(40.62785133667262, -3.164485591715449);
        assertThat(Gcj02.fromWgs84(-31.954, 115.862)).containsExactly(-31.954, 115.862);
    }

    @Test
    void distanceOfOneDegreeOfLatitude() {
        assertThat(GeoDistance.meters(0, 0, 1, 0)).isCloseTo(111_195, within(5.0));
        assertThat(GeoDistance.meters(34.07, -118.26, 34.07, -118.26)).isZero();
    }
}
