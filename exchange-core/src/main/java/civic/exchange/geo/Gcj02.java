package civic.exchange.geo;

/**
 * GCJ-02, the obfuscated datum Chinese map providers publish coordinates in, to and from WGS84.
 * The forward transform is the published algorithm (Krasovsky ellipsoid constants); the inverse has
 * no closed form, so it is solved by fixed-point iteration to well under a millimetre. Points outside
 * mainland China are not shifted by GCJ-02 and come back unchanged.
 */
public final class Gcj02 {

    private static final double A = 6_378_245.0;
    private static final double EE = 0.006_693_421_622_965_943_23;
    private static final double TOLERANCE_DEGREES = 1e-11;
    private static final int MAX_ITERATIONS = 30;

    private Gcj02() {
    }

    public static boolean outsideChina(double latitude, double longitude) {
        return longitude < 72.004 || longitude > 137.8347 || latitude < 0.8293 || latitude > 55.8271;
    }

    /** @return {latitude, longitude} in GCJ-02 */
    public static double[] fromWgs84(double latitude, double longitude) {
        if (outsideChina(latitude, longitude)) {
            return new double[] {latitude, longitude};
        }
        double x = longitude - 105.0;
        double y = latitude - 35.0;
        double dLat = shiftLatitude(x, y);
        double dLon = shiftLongitude(x, y);
        double radLat = Math.toRadians(latitude);
        double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {latitude + dLat, longitude + dLon};
    }

    /** @return {latitude, longitude} in WGS84 */
    public static double[] toWgs84(double latitude, double longitude) {
        if (outsideChina(latitude, longitude)) {
            return new double[] {latitude, longitude};
        }
        double lat = latitude;
        double lon = longitude;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] shifted = fromWgs84(lat, lon);
            double errLat = shifted[0] - latitude;
            double errLon = shifted[1] - longitude;
            lat -= errLat;
            lon -= errLon;
            if (Math.abs(errLat) < TOLERANCE_DEGREES && Math.abs(errLon) < TOLERANCE_DEGREES) {
                break;
            }
        }
        return new double[] {lat, lon};
    }

    private static double shiftLatitude(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double shiftLongitude(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
