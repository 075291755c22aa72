package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point written as text in one field, as many open-data portals export it:
 * <ul>
 *   <li>{@code latlon-point}: {@code "48.8566, 2.3522"} (Opendatasoft's {@code geo_point_2d}),
 *       {@code "(34.2001, -118.4772)"} (Socrata's location columns), latitude first; {@code {order:
 *       lon-lat}} for texts that put the longitude first;</li>
 *   <li>{@code wkt-point}: Well-Known Text, {@code "POINT (2.3522 48.8566)"} (x, that is longitude,
 *       first), as GIS tools, Socrata's {@code the_geom} and PostGIS exports write it, also
 *       {@code POINT Z (...)} and EWKT {@code SRID=3857;POINT(...)}, whose SRID wins over the
 *       transform's {@code crs}. {@code POINT EMPTY} is no value.</li>
 * </ul>
 * Blank text is no value; anything else that is not such a point is {@code INVALID_VALUE}; a point
 * outside the globe is {@code OUT_OF_RANGE}.
 */
abstract class PointTextTransform extends TypedTransform {

    private static final String NUMBER = "([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?)";
    private static final Pattern LAT_LON = Pattern.compile(
            "\\s*\\(?\\s*" + NUMBER + "\\s*(?:,|\\s)\\s*" + NUMBER + "\\s*\\)?\\s*");
    private static final Pattern WKT = Pattern.compile(
            "\\s*(?:SRID=(\\d+)\\s*;\\s*)?POINT\\s*(?:(?:ZM|Z|M)\\s*)?(?:(EMPTY)|\\(\\s*" + NUMBER + "\\s+" + NUMBER
                    + "(?:\\s+" + NUMBER + "){0,2}\\s*\\))\\s*",
            Pattern.CASE_INSENSITIVE);

    final SpecCrs crs;

    private PointTextTransform(String name, SpecCrs crs) {
        super(name, Set.of(ValueKind.ANY, ValueKind.TEXT), ValueKind.POINT);
        this.crs = crs;
    }

    /** {@code latlon-point}, or {@code {latlon-point: {order: lon-lat, crs: GCJ-02}}}. */
    static Transform latLon(Object argument) {
        Arguments args = Arguments.of("latlon-point", argument, null, Set.of("order", "crs"));
        String order = args.text("order", "lat-lon");
        if (!order.equals("lat-lon") && !order.equals("lon-lat")) {
            throw new IllegalArgumentException("transform 'latlon-point': 'order' is lat-lon or lon-lat, not '" + order + "'");
        }
        SpecCrs crs = crs("latlon-point", args);
        if (crs.projected()) {
            throw new IllegalArgumentException("transform 'latlon-point' reads degrees; coordinates of " + crs.specName()
                    + " are x/y metres: use 'wkt-point' or a 'point' with x and y");
        }
        return new LatLon(crs, order.equals("lon-lat"));
    }

    /** {@code wkt-point}, or {@code {wkt-point: {crs: EPSG:3857}}}. */
    static Transform wkt(Object argument) {
        Arguments args = Arguments.of("wkt-point", argument, null, Set.of("crs"));
        return new Wkt(crs("wkt-point", args));
    }

    private static SpecCrs crs(String transform, Arguments args) {
        String name = args.text("crs", "EPSG:4326");
        return SpecCrs.byName(name).orElseThrow(() -> new IllegalArgumentException("transform '" + transform + "': "
                + SpecCrs.refusal(name)));
    }

    @Override
    public Object apply(Object value) {
        if (!(value instanceof String text)) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE, "expected a point written as text, found "
                    + Values.describe(value));
        }
        if (text.isBlank()) {
            return null;
        }
        return point(text);
    }

    /** The point a non-blank text writes, null for none. */
    abstract Object point(String text);

    /** {@code "48.8566, 2.3522"}, latitude first unless the spec says otherwise. */
    private static final class LatLon extends PointTextTransform {

        private final boolean longitudeFirst;

        LatLon(SpecCrs crs, boolean longitudeFirst) {
            super("latlon-point", crs);
            this.longitudeFirst = longitudeFirst;
        }

        @Override
        Object point(String text) {
            String order = longitudeFirst ? "longitude, latitude" : "latitude, longitude";
            Matcher m = LAT_LON.matcher(text);
            if (!m.matches()) {
                throw new InvalidValueException(ErrorCode.INVALID_VALUE, "expected '" + order + "' such as '"
                        + (longitudeFirst ? "2.3522, 48.8566" : "48.8566, 2.3522") + "', found " + Values.describe(text));
            }
            double first = Double.parseDouble(m.group(1));
            double second = Double.parseDouble(m.group(2));
            double[] wgs84 = longitudeFirst ? crs.toWgs84(second, first) : crs.toWgs84(first, second);
            return GeoPoints.wgs84(wgs84[0], wgs84[1], null, null, " (the text is read as '" + order + "')");
        }
    }

    /** {@code "POINT (2.3522 48.8566)"}, x first; an EWKT SRID wins over the spec's crs. */
    private static final class Wkt extends PointTextTransform {

        Wkt(SpecCrs crs) {
            super("wkt-point", crs);
        }

        @Override
        Object point(String text) {
            Matcher m = WKT.matcher(text);
            if (!m.matches()) {
                throw new InvalidValueException(ErrorCode.INVALID_VALUE,
                        "expected a WKT point such as 'POINT (2.3522 48.8566)', found " + Values.describe(text));
            }
            if (m.group(2) != null) {
                return null; // POINT EMPTY: a feature without a location
            }
            SpecCrs system = m.group(1) == null ? crs : srid(m.group(1));
            double x = Double.parseDouble(m.group(3));
            double y = Double.parseDouble(m.group(4));
            double[] wgs84 = system.projected() ? system.toWgs84(x, y) : system.toWgs84(y, x);
            return GeoPoints.wgs84(wgs84[0], wgs84[1], null, null,
                    system.projected() ? "" : " (WKT order is (longitude latitude))");
        }

        private static SpecCrs srid(String code) {
            Optional<SpecCrs> system = SpecCrs.byName("EPSG:" + code);
            return system.orElseThrow(() -> new InvalidValueException(ErrorCode.INVALID_VALUE, "SRID=" + code
                    + " is not a reference system the standardizer converts: " + SpecCrs.refusal("EPSG:" + code)));
        }
    }
}
