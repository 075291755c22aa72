package civic.exchange.geo;

/** Great-circle distance on the WGS84 mean sphere; ample for linking within a few hundred metres. */
public final class GeoDistance {

    private static final double MEAN_EARTH_RADIUS_M = 6_371_008.8;

    private GeoDistance() {
    }

    public static double meters(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * MEAN_EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
