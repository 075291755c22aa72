package civic.exchange.geo;

/**
 * EPSG:3857 (spherical "Web Mercator", metres) to WGS84 degrees. The projection is defined on a
 * sphere of the WGS84 semi-major axis, so the inverse is closed-form and exact: no datum shift.
 */
public final class WebMercator {

    /** WGS84 semi-major axis, the sphere radius EPSG:3857 uses (metres). */
    static final double RADIUS = 6_378_137.0;
    /** Beyond ±20037508.34 m the projection has no inverse. */
    public static final double MAX_EXTENT = Math.PI * RADIUS;

    private WebMercator() {
    }

    /** @return {latitude, longitude} in degrees */
    public static double[] toWgs84(double x, double y) {
        if (Math.abs(x) > MAX_EXTENT * 1.0000001 || Math.abs(y) > MAX_EXTENT * 1.0000001 || Double.isNaN(x) || Double.isNaN(y)) {
            throw new IllegalArgumentException("EPSG:3857 coordinate (" + x + ", " + y + ") is outside ±" + MAX_EXTENT + " m");
        }
        double longitude = Math.toDegrees(x / RADIUS);
        double latitude = Math.toDegrees(2 * Math.atan(Math.exp(y / RADIUS)) - Math.PI / 2);
        return new double[] {latitude, longitude};
    }

    /** @return {x, y} in metres */
    public static double[] fromWgs84(double latitude, double longitude) {
        double x = RADIUS * Math.toRadians(longitude);
        double y = RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(latitude) / 2));
        return new double[] {x, y};
    }
}
