package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.errors.ErrorCode;
import civic.exchange.geo.Crs;
import civic.exchange.schema.GeoPoint;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The spec's side of reference systems: names, refusals and errors. The conversions themselves are
 * exchange-core's ({@code civic.exchange.geo.CrsTest}).
 */
class SpecCrsTest {

    @Test
    void aSpecNamesTheSystemsOfExchangeCore() {
        assertThat(SpecCrs.WGS84.system()).isSameAs(Crs.WGS84);
        assertThat(SpecCrs.byName(" epsg:900913 ").orElseThrow().system()).isSameAs(Crs.EPSG_3857);
        assertThat(SpecCrs.byName("GCJ02").orElseThrow().specName()).isEqualTo("GCJ-02");
        assertThat(SpecCrs.byName("epsg:25833").orElseThrow().system()).isSameAs(Crs.byName("EPSG:25833").orElseThrow());
        assertThat(SpecCrs.byName("EPSG:25833").orElseThrow().projected()).isTrue();
        assertThat(SpecCrs.byName("Lambert-93")).isEmpty();
        assertThat(SpecCrs.byName(null)).isEmpty();
    }

    @Test
    void aSouthernUtmZoneAgreesWithASpecsPointSource() {
        // Perth's own grid (GDA94 / MGA zone 50): x/y columns, as the Perth inventory could come
        ObjectNode row = JsonNodeFactory.instance.objectNode().put("E", "392384.913").put("N", "6464285.499");
        GeoPoint perth = (GeoPoint) new PointSource(SourcePath.parse("E"), SourcePath.parse("N"),
                SpecCrs.byName("EPSG:28350").orElseThrow()).read(row);
        assertThat(perth.getLatitude()).isCloseTo(-31.9523, within(1e-5));
        assertThat(perth.getLongitude()).isCloseTo(115.8613, within(1e-5));
    }

    @Test
    void namesListWhatASpecMayName() {
        assertThat(SpecCrs.names()).contains("EPSG:4326", "EPSG:3857", "GCJ-02", "EPSG:25833");
    }

    @Test
    void aDatumOnlyGridFilesShiftIsRefusedWithTheReason() {
        // NAD27 / UTM 18N: proj4j has no shift for NAD27 without the US grid files
        assertThat(SpecCrs.byName("EPSG:26718")).isEmpty();
        assertThat(SpecCrs.refusal("EPSG:26718")).startsWith("crs 'EPSG:26718' is on a datum (NAD27) that only grid files shift");
        // OSGB36 has a published 7-parameter shift, so the British National Grid is taken
        assertThat(SpecCrs.byName("EPSG:27700")).isPresent();
        assertThat(SpecCrs.refusal("EPSG:999999")).startsWith("unknown crs 'EPSG:999999' (known: EPSG:4326, EPSG:3857, GCJ-02");
        assertThat(SpecCrs.refusal("Lambert-93")).startsWith("unknown crs 'Lambert-93' (known: ");
    }

    @Test
    void aPointTheProjectionCannotTakeIsOutOfRange() {
        SpecCrs utm33 = SpecCrs.byName("EPSG:25833").orElseThrow();
        assertThatThrownBy(() -> utm33.toWgs84(Double.NaN, 5819699.0))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
        assertThatThrownBy(() -> SpecCrs.of(Crs.EPSG_3857).toWgs84(3.0e7, 0))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE))
                .hasMessageContaining("outside");
    }
}
