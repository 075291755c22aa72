package civic.exchange.standardizer.mapping;

import civic.exchange.errors.ErrorCode;
import civic.exchange.geo.Gcj02;
import civic.exchange.geo.WebMercator;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The coordinate reference systems specs can name ({@code crs:}); canonical points are always WGS84.
 * Conversions are exchange-core's ({@code civic.exchange.geo}).
 */
public enum Crs {
    /** Latitude/longitude degrees, as canonical points are. */
    WGS84("EPSG:4326", false),
    /** Spherical Web Mercator metres (x east, y north). */
    EPSG_3857("EPSG:3857", true),
    /** The obfuscated datum of Chinese map providers (latitude/longitude degrees). */
    GCJ_02("GCJ-02", false);

    private static final Map<String, Crs> NAMES = Map.of(
            "EPSG:4326", WGS84, "WGS84", WGS84,
            "EPSG:3857", EPSG_3857, "EPSG:900913", EPSG_3857,
            "GCJ-02", GCJ_02, "GCJ02", GCJ_02);

    private final String specName;
    private final boolean projected;

    Crs(String specName, boolean projected) {
        this.specName = specName;
        this.projected = projected;
    }

    public static Optional<Crs> byName(String name) {
        return Optional.ofNullable(name == null ? null : NAMES.get(name.strip().toUpperCase(Locale.ROOT)));
    }

    public static String names() {
        return Arrays.stream(values()).map(Crs::specName).collect(Collectors.joining(", "));
    }

    /** How a spec names it, e.g. {@code GCJ-02}. */
    public String specName() {
        return specName;
    }

    /** True when coordinates are x/y metres rather than latitude/longitude degrees. */
    public boolean projected() {
        return projected;
    }

    /**
     * @param first  latitude, or x for a projected CRS
     * @param second longitude, or y for a projected CRS
     * @return {latitude, longitude} in WGS84, not yet range-checked
     */
    public double[] toWgs84(double first, double second) {
        return switch (this) {
            case WGS84 -> new double[] {first, second};
            case GCJ_02 -> Double.isFinite(first) && Double.isFinite(second)
                    && Math.abs(first) <= 90 && Math.abs(second) <= 180
                    ? Gcj02.toWgs84(first, second) : new double[] {first, second};
            case EPSG_3857 -> {
                try {
                    yield WebMercator.toWgs84(first, second);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException(ErrorCode.OUT_OF_RANGE, e.getMessage());
                }
            }
        };
    }
}
