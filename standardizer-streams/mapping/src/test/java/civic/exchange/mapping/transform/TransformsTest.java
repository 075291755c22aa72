package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.errors.ErrorCode;
import civic.exchange.geo.Crs;
import civic.exchange.geo.GeoDistance;
import civic.exchange.schema.GeoPoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each transform and value source on its own, as the compiler makes them from spec arguments. */
class TransformsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TransformContext LOS_ANGELES = new TransformContext(ZoneId.of("America/Los_Angeles"));

    private static Transform transform(String name, Object argument) {
        return Transforms.factory(name).orElseThrow().create(argument);
    }

    private static Transform transform(String name, Object argument, TransformContext context) {
        return Transforms.factory(name).orElseThrow().create(argument, context);
    }

    private static void assertInvalid(Transform transform, Object value, ErrorCode code, String reason) {
        assertThatThrownBy(() -> transform.apply(value)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    private static void assertRefused(Runnable create, String reason) {
        assertThatThrownBy(create::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void regexExtractsAGroup() {
        Transform house = transform("regex", Map.of("pattern", "^(\\d+)\\s"));
        assertThat(house.apply("2111 W BELLEVUE AVE")).isEqualTo("2111");
        assertThat(transform("regex", "(?<zip>\\d{5})$").apply("2111 W BELLEVUE AVE, 90026")).isEqualTo("90026");
        assertThat(transform("regex", Map.of("pattern", "(?<lat>-?[\\d.]+), (?<lon>-?[\\d.]+)", "group", "lon"))
                .apply("(34.073216645, -118.266861909)")).isEqualTo("-118.266861909");
        assertThat(transform("regex", Map.of("pattern", "[A-Z]+", "group", "0")).apply("12 ab CD")).isEqualTo("CD");
        assertInvalid(house, "BELLEVUE AVE", ErrorCode.INVALID_VALUE, "does not match");
        assertThat(transform("regex", Map.of("pattern", "^(\\d+)\\s", "unmatched", "absent")).apply("BELLEVUE")).isNull();
        // Item by item over an array.
        assertThat(house.apply(JSON.valueToTree(List.of("12 A", "14 B")))).isEqualTo(JSON.valueToTree(List.of("12", "14")));

        assertRefused(() -> transform("regex", "(unclosed"), "invalid pattern");
        assertRefused(() -> transform("regex", Map.of("pattern", "(a)", "group", "2")), "group 2 does not exist");
        assertRefused(() -> transform("regex", Map.of("pattern", "(a)", "group", "name")), "no group named 'name'");
        assertRefused(() -> transform("regex", Map.of("pattern", "a", "unmatched", "ignore")), "reject or absent");
        assertRefused(() -> transform("regex", Map.of("patern", "a")), "no option 'patern'");
    }

    @Test
    void joinAndTextStepsWorkOnArrays() {
        JsonNode groups = JSON.valueToTree(List.of("urn:ngsi-ld:StreetlightGroup:BG678", "urn:ngsi-ld:StreetlightGroup:789"));
        Object stripped = transform("strip-prefix", "urn:ngsi-ld:StreetlightGroup:").apply(groups);
        assertThat(transform("join", null).apply(stripped)).isEqualTo("BG678,789");
        assertThat(transform("join", " | ").apply(stripped)).isEqualTo("BG678 | 789");
        assertThat(transform("join", null).apply("single")).isEqualTo("single");
        assertThat(transform("trim", null).apply(JSON.valueToTree(List.of(" ", "")))).as("no item left: absent").isNull();
        assertInvalid(transform("join", null), JSON.valueToTree(List.of(Map.of("a", 1))), ErrorCode.INVALID_VALUE, "single value");
        assertRefused(() -> transform("join", List.of(",")), "separator as a text");
    }

    @Test
    void numbersWithOtherSeparators() {
        assertThat(transform("number", null).apply("1234.50")).isEqualTo(new BigDecimal("1234.50"));
        Transform european = transform("number", Map.of("decimal", ",", "grouping", "."));
        assertThat(european.apply("1.234,5")).isEqualTo(new BigDecimal("1234.5"));
        assertThat(european.apply("-0,25")).isEqualTo(new BigDecimal("-0.25"));
        assertThat(european.apply(7)).isEqualTo(new BigDecimal("7"));
        assertThat(european.apply("  ")).isNull();
        assertInvalid(european, "1,234.5", ErrorCode.INVALID_VALUE, "decimal separator ','");
        assertInvalid(transform("number", Map.of("decimal", ",")), "1.5", ErrorCode.INVALID_VALUE, "not a number");
        assertInvalid(transform("number", null), "twelve", ErrorCode.INVALID_VALUE, "not a number");
        assertRefused(() -> transform("number", Map.of("decimal", ",", "grouping", ",")), "must differ");
        assertRefused(() -> transform("number", Map.of("decimal", ",,")), "one character");
        assertRefused(() -> transform("number", "x"), "options as a mapping");
    }

    @Test
    void rangesAreInclusive() {
        Transform height = transform("range", Map.of("min", "0", "max", "150"));
        assertThat(height.apply("150")).isEqualTo(new BigDecimal("150"));
        assertThat(height.apply(new BigDecimal("0"))).isEqualTo(BigDecimal.ZERO);
        assertInvalid(height, "150.01", ErrorCode.OUT_OF_RANGE, "150.01 is outside 0..150");
        assertInvalid(height, -1, ErrorCode.OUT_OF_RANGE, "outside");
        assertInvalid(transform("range", Map.of("min", "-90")), "-91", ErrorCode.OUT_OF_RANGE, "-91 is outside -90..");
        assertInvalid(height, "tall", ErrorCode.INVALID_VALUE, "not a number");
        assertRefused(() -> transform("range", Map.of()), "needs 'min', 'max' or both");
        assertRefused(() -> transform("range", Map.of("min", "5", "max", "1")), "above max");
        assertRefused(() -> transform("range", Map.of("min", "low")), "must be a number");
    }

    @Test
    void unitsConvertWithinTheirDimension() {
        assertThat(transform("unit", Map.of("from", "ft", "to", "m")).apply("10")).isEqualTo(new BigDecimal("3.048"));
        assertThat(transform("unit", Map.of("from", "W", "to", "kW")).apply(new BigDecimal("1500.5"))).isEqualTo(new BigDecimal("1.5005"));
        assertThat(transform("unit", Map.of("from", "kWh", "to", "MJ")).apply("1")).isEqualTo(new BigDecimal("3.6"));
        assertThat(transform("unit", Map.of("from", "acre", "to", "ha")).apply("1")).isEqualTo(new BigDecimal("0.40468564224"));
        assertThat(transform("unit", Map.of("from", "m", "to", "ft")).apply("1")).isEqualTo(new BigDecimal("3.280839895013123"));
        assertThat(transform("unit", Map.of("from", "km", "to", "m")).apply("2")).isEqualTo(new BigDecimal("2000"));
        assertInvalid(transform("unit", Map.of("from", "ft", "to", "m")), "ten", ErrorCode.INVALID_VALUE, "not a number");
        assertRefused(() -> transform("unit", Map.of("from", "ft", "to", "kW")), "cannot convert ft (length) to kW (power)");
        assertRefused(() -> transform("unit", Map.of("from", "furlong", "to", "m")), "unknown unit 'furlong'");
        assertRefused(() -> transform("unit", Map.of("from", "ft")), "needs option 'to'");
    }

    @Test
    void timestampsAreStoredAsUtcInstants() {
        Transform iso = transform("timestamp", null);
        assertThat(iso.apply("2021-01-11T15:51:02+05:30")).isEqualTo(Instant.parse("2021-01-11T10:21:02Z"));
        assertThat(iso.apply("2016-07-08T08:02:21.753Z")).isEqualTo(Instant.parse("2016-07-08T08:02:21.753Z"));
        assertThat(iso.apply("2016-07-08t08:02z")).isEqualTo(Instant.parse("2016-07-08T08:02:00Z"));
        assertThat(iso.apply("2016-07-08T08:02:21.123456789-01:00")).isEqualTo(Instant.parse("2016-07-08T09:02:21.123456789Z"));
        assertInvalid(iso, "2021-01-11T15:51:02", ErrorCode.INVALID_DATE, "has no offset or zone");
        assertInvalid(iso, "2010-04-15T06:37:38-08:00Z", ErrorCode.INVALID_DATE, "not a date-time");
        assertInvalid(iso, "2021-02-29T00:00:00Z", ErrorCode.INVALID_DATE, "2021-02-29");
        assertInvalid(iso, "2021-01-11T24:00:00Z", ErrorCode.INVALID_DATE, "not a date-time");
        // With the dataset's zone, a time without offset is a time in that zone; an offset still wins.
        Transform inLosAngeles = transform("timestamp", null, LOS_ANGELES);
        assertThat(inLosAngeles.apply("2018-04-09T09:25:28")).isEqualTo(Instant.parse("2018-04-09T16:25:28Z"));
        assertThat(inLosAngeles.apply("2018-04-09T09:25:28Z")).isEqualTo(Instant.parse("2018-04-09T09:25:28Z"));
    }

    @Test
    void timestampPatternsReadTheDepartmentsOwnWriting() {
        Transform la = transform("timestamp", "MM/dd/yyyy hh:mm:ss a", LOS_ANGELES);
        assertThat(la.apply("12/31/2017 11:59:58 PM")).isEqualTo(Instant.parse("2018-01-01T07:59:58Z"));
        assertThat(la.apply("04/09/2018 09:25:28 am")).as("daylight time, any case").isEqualTo(Instant.parse("2018-04-09T16:25:28Z"));
        assertInvalid(la, "02/30/2018 09:25:28 AM", ErrorCode.INVALID_DATE, "02/30/2018");
        assertInvalid(la, "2018-04-09T09:25:28Z", ErrorCode.INVALID_DATE, "the pattern 'MM/dd/yyyy hh:mm:ss a'");

        Transform perth = transform("timestamp", Map.of("pattern", "yyyy/MM/dd HH:mm:ssX"));
        assertThat(perth.apply("2019/05/10 03:21:27+00")).isEqualTo(Instant.parse("2019-05-10T03:21:27Z"));
        assertThat(perth.apply("2019/05/10 11:21:27+08")).isEqualTo(Instant.parse("2019-05-10T03:21:27Z"));

        Transform dateOnly = transform("timestamp", Map.of("pattern", "d MMM yyyy", "zone", "Australia/Perth"));
        assertThat(dateOnly.apply("8 Aug 2007")).as("start of the day in Perth").isEqualTo(Instant.parse("2007-08-07T16:00:00Z"));
        Transform french = transform("timestamp", Map.of("pattern", "d MMMM yyyy", "zone", "Europe/Paris", "locale", "fr-FR"));
        assertThat(french.apply("14 juillet 2021")).isEqualTo(Instant.parse("2021-07-13T22:00:00Z"));

        assertRefused(() -> transform("timestamp", "MM/dd/yyyy hh:mm:ss", LOS_ANGELES), "does not read back");
        assertRefused(() -> transform("timestamp", "MM/dd/yyyy HH:mm:ss"), "has no offset or zone");
        assertRefused(() -> transform("timestamp", "HH:mm", LOS_ANGELES), "cannot read a date-time back");
        assertRefused(() -> transform("timestamp", "yyyy-MM-dd'T", LOS_ANGELES), "invalid pattern");
        assertRefused(() -> transform("timestamp", Map.of("pattern", "yyyy", "zone", "Mars/Olympus")), "unknown zone");
        assertRefused(() -> transform("timestamp", Map.of("locale", "fr")), "'locale' applies to a 'pattern'");
    }

    @Test
    void unixTimesAreReadInSecondsOrMilliseconds() {
        Transform seconds = transform("epoch", null);
        assertThat(seconds.apply(1709280000L)).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(seconds.apply(1709280000)).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(seconds.apply(" 1709280000 ")).as("text").isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(seconds.apply(new BigDecimal("1709280000.123456789"))).isEqualTo(Instant.parse("2024-03-01T08:00:00.123456789Z"));
        assertThat(seconds.apply(-1L)).as("before 1970").isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
        assertThat(seconds.apply("-0.5")).isEqualTo(Instant.parse("1969-12-31T23:59:59.500Z"));
        assertThat(seconds.apply("  ")).as("blank is absent").isNull();

        Transform millis = transform("epoch", "millis");
        assertThat(millis.apply(1709280000123L)).isEqualTo(Instant.parse("2024-03-01T08:00:00.123Z"));
        assertThat(millis.apply(-1L)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
        assertThat(millis.apply("1709280000123.5")).isEqualTo(Instant.parse("2024-03-01T08:00:00.1235Z"));
        assertThat(transform("epoch", Map.of("unit", "ms")).apply(0)).isEqualTo(Instant.EPOCH);

        assertInvalid(seconds, "2024-03-01", ErrorCode.INVALID_DATE, "is not a Unix time in seconds");
        assertInvalid(millis, true, ErrorCode.INVALID_DATE, "is not a Unix time in milliseconds");
        assertInvalid(seconds, JSON.valueToTree(List.of(1, 2)), ErrorCode.INVALID_DATE, "an array");
        assertInvalid(seconds, Long.MAX_VALUE, ErrorCode.INVALID_DATE, "beyond the dates an instant holds");
        assertInvalid(seconds, "1e999999999", ErrorCode.INVALID_DATE, "beyond the dates an instant holds");
        assertThat(seconds.apply("1e-999999999")).as("below a nanosecond").isEqualTo(Instant.EPOCH);
        assertInvalid(seconds, "1".repeat(100), ErrorCode.INVALID_DATE, "is not a Unix time");

        assertRefused(() -> transform("epoch", "hours"), "is not one of seconds, millis");
        assertRefused(() -> transform("epoch", Map.of("zone", "UTC")), "has no option 'zone'");
    }

    @Test
    void geoJsonPointsInOtherReferenceSystems() {
        Transform mercator = transform("geojson-point", Map.of("crs", "EPSG:3857"));
        GeoPoint perth = (GeoPoint) mercator.apply(JSON.valueToTree(Map.of("type", "Point",
                "coordinates", List.of(12897674.3239, -3757874.2832))));
        assertThat(perth.getLatitude()).isCloseTo(-31.958575789, within(1e-8));
        assertThat(perth.getLongitude()).isCloseTo(115.861779748, within(1e-8));
        assertInvalid(mercator, JSON.valueToTree(Map.of("type", "Point", "coordinates", List.of(3e7, 0))),
                ErrorCode.OUT_OF_RANGE, "outside");
        assertRefused(() -> transform("geojson-point", Map.of("crs", "EPSG:999999")), "unknown crs 'EPSG:999999'");
    }

    @Test
    void pointsFromTwoFieldsConvertAndRangeCheck() {
        JsonNode row = JSON.valueToTree(Map.of("Latitude", "34.073216645", "Longitude", "-118.266861909", "X", "12897674.3239",
                "Y", "-3757874.2832", "lat", 31.2304, "lng", 121.4737, "bad", "123", "blank", " "));
        assertThat(new PointSource(SourcePath.parse("Latitude"), SourcePath.parse("Longitude"), SpecCrs.WGS84).read(row))
                .isEqualTo(new GeoPoint(34.073216645, -118.266861909));
        GeoPoint perth = (GeoPoint) new PointSource(SourcePath.parse("X"), SourcePath.parse("Y"), SpecCrs.of(Crs.EPSG_3857)).read(row);
        assertThat(perth.getLatitude()).isCloseTo(-31.958575789, within(1e-8));
        // GCJ-02 (Shanghai, as Chinese map services give it) to WGS84: a shift of a few hundred metres.
        GeoPoint shanghai = (GeoPoint) new PointSource(SourcePath.parse("lat"), SourcePath.parse("lng"), SpecCrs.of(Crs.GCJ_02)).read(row);
        assertThat(GeoDistance.meters(31.2304, 121.4737, shanghai.getLatitude(), shanghai.getLongitude())).isBetween(300.0, 800.0);
        assertThat(new PointSource(SourcePath.parse("none"), SourcePath.parse("blank"), SpecCrs.WGS84).read(row))
                .as("no coordinates: no location").isNull();

        assertThatThrownBy(() -> new PointSource(SourcePath.parse("bad"), SourcePath.parse("Longitude"), SpecCrs.WGS84).read(row))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
                    assertThat(e.field()).isEqualTo("bad");
                    assertThat(e.getMessage()).contains("latitude 123 is outside -90..90");
                });
        assertThatThrownBy(() -> new PointSource(SourcePath.parse("Latitude"), SourcePath.parse("none"), SpecCrs.WGS84).read(row))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                    assertThat(e.field()).isEqualTo("none");
                });
        assertThatThrownBy(() -> new PointSource(SourcePath.parse("Latitude"), SourcePath.parse("Latitude"), SpecCrs.of(Crs.EPSG_3857)).read(
                JSON.valueToTree(Map.of("Latitude", "NaN")))).isInstanceOfSatisfying(InvalidValueException.class,
                e -> assertThat(e.getMessage()).contains("x 'NaN' is not a number"));
    }

    @Test
    void pointsWrittenWithADecimalCommaReadWhenTheSpecSaysSo() {
        JsonNode row = JSON.valueToTree(Map.of("LAT", "48,2215", "LON", "16,3561", "DOT", "48.2215", "MIXED", "48.221,5"));
        PointSource comma = new PointSource(SourcePath.parse("LAT"), SourcePath.parse("LON"), SpecCrs.WGS84, ',');
        assertThat(comma.read(row)).isEqualTo(new GeoPoint(48.2215, 16.3561));
        assertThat(new PointSource(SourcePath.parse("DOT"), SourcePath.parse("LON"), SpecCrs.WGS84, ',').read(row))
                .isEqualTo(new GeoPoint(48.2215, 16.3561));
        assertThatThrownBy(() -> new PointSource(SourcePath.parse("MIXED"), SourcePath.parse("LON"), SpecCrs.WGS84, ',').read(row))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("MIXED"));
        assertThatThrownBy(() -> new PointSource(SourcePath.parse("LAT"), SourcePath.parse("LON"), SpecCrs.WGS84).read(row))
                .as("without decimal: ',' a comma is no decimal point")
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE));
    }

    @Test
    void concatJoinsThePartsThatArePresent() {
        JsonNode row = JSON.valueToTree(Map.of("HouseNumber", "2111", "Direction", "W", "StreetName", "BELLEVUE",
                "Suffix", " ", "Zip", 90026));
        ConcatSource address = new ConcatSource(List.of(ConcatSource.Part.path(SourcePath.parse("HouseNumber")),
                ConcatSource.Part.path(SourcePath.parse("Direction")), ConcatSource.Part.path(SourcePath.parse("StreetName")),
                ConcatSource.Part.path(SourcePath.parse("Suffix")), ConcatSource.Part.literal("CA"),
                ConcatSource.Part.path(SourcePath.parse("Zip"))), " ");
        assertThat(address.read(row)).isEqualTo("2111 W BELLEVUE CA 90026");
        assertThat(address.label()).isEqualTo("HouseNumber");
        ConcatSource nothing = new ConcatSource(List.of(ConcatSource.Part.literal("PS"), ConcatSource.Part.path(SourcePath.parse("none"))), "-");
        assertThat(nothing.read(row)).as("literals alone make no value").isNull();
        assertThatThrownBy(() -> new ConcatSource(List.of(ConcatSource.Part.literal("x")), ""))
                .hasMessageContaining("at least one path");
    }

    @Test
    void latLonPointReadsThePointsPortalsWriteInOneColumn() {
        Transform latLon = transform("latlon-point", null);
        // Opendatasoft geo_point_2d, Socrata location, and without the space
        assertThat(latLon.apply("48.8566, 2.3522")).isEqualTo(new GeoPoint(48.8566, 2.3522));
        assertThat(latLon.apply("(34.20012, -118.47723)")).isEqualTo(new GeoPoint(34.20012, -118.47723));
        assertThat(latLon.apply("-33.95,151.18")).isEqualTo(new GeoPoint(-33.95, 151.18));
        assertThat(latLon.apply("48.8566 2.3522")).isEqualTo(new GeoPoint(48.8566, 2.3522));
        assertThat(latLon.apply("   ")).as("blank: no location").isNull();
        assertThat(transform("latlon-point", Map.of("order", "lon-lat")).apply("2.3522, 48.8566"))
                .isEqualTo(new GeoPoint(48.8566, 2.3522));

        assertInvalid(latLon, "48.8566", ErrorCode.INVALID_VALUE, "expected 'latitude, longitude' such as '48.8566, 2.3522', found '48.8566'");
        assertInvalid(latLon, "48,8566; 2,3522", ErrorCode.INVALID_VALUE, "expected 'latitude, longitude'");
        assertInvalid(latLon, "POINT (2.35 48.85)", ErrorCode.INVALID_VALUE, "expected 'latitude, longitude'");
        assertInvalid(latLon, "2.3522, 248.8566", ErrorCode.OUT_OF_RANGE, "longitude 248.8566 is outside -180..180");
        assertInvalid(latLon, "123, 2.35", ErrorCode.OUT_OF_RANGE, "latitude 123 is outside -90..90 (the text is read as 'latitude, longitude')");
        assertInvalid(latLon, new BigDecimal("48.85"), ErrorCode.INVALID_VALUE, "expected a point written as text");
    }

    @Test
    void latLonPointConvertsGcj02AndRefusesProjectedSystemsAndUnknownOptions() {
        GeoPoint shenzhen = (GeoPoint) transform("latlon-point", Map.of("crs", "GCJ-02")).apply("22.543096, 114.057865");
        // GCJ-02 shifts points in Shenzhen by a few hundred metres
        assertThat(GeoDistance.meters(shenzhen.getLatitude(), shenzhen.getLongitude(), 22.543096, 114.057865))
                .isBetween(300.0, 700.0);

        assertRefused(() -> transform("latlon-point", Map.of("crs", "EPSG:3857")), "are x/y metres");
        assertRefused(() -> transform("latlon-point", Map.of("order", "yx")), "'order' is lat-lon or lon-lat, not 'yx'");
        assertRefused(() -> transform("latlon-point", Map.of("crs", "EPSG:999999")), "unknown crs 'EPSG:999999'");
        assertRefused(() -> transform("latlon-point", Map.of("crs", "EPSG:2154")), "coordinates of EPSG:2154 are x/y metres");
    }

    @Test
    void wktPointReadsWellKnownTextLongitudeFirst() {
        Transform wkt = transform("wkt-point", null);
        assertThat(wkt.apply("POINT (-73.84421521958048 40.723091773924274)"))
                .isEqualTo(new GeoPoint(40.723091773924274, -73.84421521958048));
        assertThat(wkt.apply("point(2.3522 48.8566)")).isEqualTo(new GeoPoint(48.8566, 2.3522));
        assertThat(wkt.apply("POINT Z (2.3522 48.8566 35)")).isEqualTo(new GeoPoint(48.8566, 2.3522));
        assertThat(wkt.apply("SRID=4326;POINT(2.3522 48.8566)")).isEqualTo(new GeoPoint(48.8566, 2.3522));
        assertThat(wkt.apply("POINT EMPTY")).as("an empty geometry: no location").isNull();

        assertInvalid(wkt, "POINT (48.8566)", ErrorCode.INVALID_VALUE, "expected a WKT point such as 'POINT (2.3522 48.8566)'");
        assertInvalid(wkt, "LINESTRING (2 48, 3 49)", ErrorCode.INVALID_VALUE, "expected a WKT point");
        assertInvalid(wkt, "POINT (48.8566 2.3522) trailing", ErrorCode.INVALID_VALUE, "expected a WKT point");
        assertInvalid(wkt, "POINT (2.35 148.85)", ErrorCode.OUT_OF_RANGE,
                "latitude 148.85 is outside -90..90 (WKT order is (longitude latitude))");
        assertInvalid(wkt, "SRID=999999;POINT(652469 6862035)", ErrorCode.INVALID_VALUE,
                "SRID=999999 is not a reference system the standardizer converts");
    }

    @Test
    void wktPointTakesAnEpsgCodeFromTheTextsSrid() {
        // the Eiffel Tower in Lambert-93, as a French PostGIS export writes it
        GeoPoint eiffel = (GeoPoint) transform("wkt-point", null).apply("SRID=2154;POINT(648235.8777 6862268.3583)");
        assertThat(eiffel.getLatitude()).isCloseTo(48.858370, within(1e-6));
        assertThat(eiffel.getLongitude()).isCloseTo(2.294481, within(1e-6));
    }

    @Test
    void wktPointTakesWebMercatorFromItsCrsOrTheTextsSrid() {
        // the Perth tree of the shipped spec test: x/y metres
        GeoPoint fromCrs = (GeoPoint) transform("wkt-point", Map.of("crs", "EPSG:3857")).apply("POINT (12895039.6 -3763224.3)");
        GeoPoint fromSrid = (GeoPoint) transform("wkt-point", null).apply("SRID=3857;POINT (12895039.6 -3763224.3)");
        assertThat(fromSrid).isEqualTo(fromCrs);
        assertThat(fromCrs.getLatitude()).isCloseTo(-32.00, within(0.01));
        assertThat(fromCrs.getLongitude()).isCloseTo(115.84, within(0.01));
    }
}
