package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A WGS84 point from two coordinate fields: {@code point: {lat: Latitude, lon: Longitude}}, or
 * {@code point: {x: X, y: Y, crs: EPSG:3857}} for projected coordinates, converted and range-checked.
 * Both fields absent (or blank) is no location; only one of them is {@code INVALID_VALUE}.
 */
public final class PointSource implements ValueSource {

    private final SourcePath first;
    private final SourcePath second;
    private final SpecCrs crs;
    private final char decimal;

    public PointSource(SourcePath first, SourcePath second, SpecCrs crs) {
        this(first, second, crs, '.');
    }

    /**
     * @param first   latitude path, or x for a projected CRS
     * @param second  longitude path, or y for a projected CRS
     * @param decimal the decimal separator of coordinates given as text: '.' or ',' ({@code 48,2215})
     */
    public PointSource(SourcePath first, SourcePath second, SpecCrs crs, char decimal) {
        this.first = first;
        this.second = second;
        this.crs = crs;
        this.decimal = decimal;
    }

    @Override
    public Object read(JsonNode root) {
        Object a = withPoint(present(Values.fromJson(first.at(root))));
        Object b = withPoint(present(Values.fromJson(second.at(root))));
        if (a == null && b == null) {
            return null;
        }
        String firstName = crs.projected() ? "x" : "latitude";
        String secondName = crs.projected() ? "y" : "longitude";
        if (a == null || b == null) {
            SourcePath missing = a == null ? first : second;
            throw new InvalidValueException(ErrorCode.INVALID_VALUE, missing.toString(), "a point needs both "
                    + firstName + " (" + first + ") and " + secondName + " (" + second + "); " + missing + " has no value");
        }
        double[] wgs84 = crs.toWgs84(GeoPoints.coordinate(a, first.toString(), firstName),
                GeoPoints.coordinate(b, second.toString(), secondName));
        String latitudeField = crs.projected() ? second.toString() : first.toString();
        String longitudeField = crs.projected() ? first.toString() : second.toString();
        return GeoPoints.wgs84(wgs84[0], wgs84[1], latitudeField, longitudeField, "");
    }

    /** "48,2215" → "48.2215" for a decimal comma; text with a point in it is read as it is ("48.221,5" stays invalid). */
    private Object withPoint(Object value) {
        return decimal != '.' && value instanceof String s && s.indexOf('.') < 0 ? s.replace(decimal, '.') : value;
    }

    private static Object present(Object value) {
        return value instanceof String s && s.isBlank() ? null : value;
    }

    @Override
    public ValueKind kind() {
        return ValueKind.POINT;
    }

    @Override
    public String label() {
        return first.toString();
    }
}
