package civic.exchange.geo;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.datum.Datum;

/**
 * Coordinate reference systems by name, each converting its coordinates to WGS84 latitude/longitude
 * (what canonical points always are). WGS84 itself, Web Mercator ({@link WebMercator}) and GCJ-02
 * ({@link Gcj02}) are converted in this package; any other EPSG code (a city's UTM zone
 * {@code EPSG:25833}, Lambert-93 {@code EPSG:2154}, the British National Grid {@code EPSG:27700}, a
 * US State Plane in feet {@code EPSG:2263}...) by proj4j with its EPSG definitions, datum shift
 * included. A system on a datum that only grid files shift to WGS84 (NAD27...) is not offered
 * ({@link #gridShiftOnlyDatum}): converted without them, its points would be tens of metres off.
 * Mapping specs name these systems ({@code crs:}); the mapping library words their errors.
 */
public abstract class Crs {

    /** Latitude/longitude degrees, as canonical points are. */
    public static final Crs WGS84 = new Crs("EPSG:4326", false) {
        @Override
        public double[] toWgs84(double first, double second) {
            return new double[] {first, second};
        }
    };

    /** Spherical Web Mercator metres (x east, y north). */
    public static final Crs EPSG_3857 = new Crs("EPSG:3857", true) {
        @Override
        public double[] toWgs84(double first, double second) {
            return WebMercator.toWgs84(first, second);
        }
    };

    /** The obfuscated datum of Chinese map providers (latitude/longitude degrees). */
    public static final Crs GCJ_02 = new Crs("GCJ-02", false) {
        @Override
        public double[] toWgs84(double first, double second) {
            return Double.isFinite(first) && Double.isFinite(second) && Math.abs(first) <= 90 && Math.abs(second) <= 180
                    ? Gcj02.toWgs84(first, second) : new double[] {first, second};
        }
    };

    private static final Map<String, Crs> BUILT_IN = Map.of(
            "EPSG:4326", WGS84, "WGS84", WGS84,
            "EPSG:3857", EPSG_3857, "EPSG:900913", EPSG_3857,
            "GCJ-02", GCJ_02, "GCJ02", GCJ_02);
    private static final Pattern EPSG_CODE = Pattern.compile("EPSG:\\d{4,6}");
    /** proj4j systems by name, looked up once each (an unknown code is remembered as such). */
    private static final Map<String, Optional<Crs>> BY_EPSG_CODE = new ConcurrentHashMap<>();

    private final String name;
    private final boolean projected;

    private Crs(String name, boolean projected) {
        this.name = name;
        this.projected = projected;
    }

    /** The system of a name, e.g. {@code EPSG:3857}, {@code GCJ-02}, {@code epsg:25833}; empty if unknown. */
    public static Optional<Crs> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toUpperCase(Locale.ROOT);
        Crs builtIn = BUILT_IN.get(key);
        if (builtIn != null) {
            return Optional.of(builtIn);
        }
        return EPSG_CODE.matcher(key).matches() ? BY_EPSG_CODE.computeIfAbsent(key, Proj4jCrs::load) : Optional.empty();
    }

    /**
     * The datum of a known EPSG system that {@link #byName} does not offer because only grid files,
     * not shipped, shift it to WGS84 (NAD27...); empty for any other name.
     */
    public static Optional<String> gridShiftOnlyDatum(String name) {
        String key = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return EPSG_CODE.matcher(key).matches() ? Optional.ofNullable(Proj4jCrs.unshiftableDatum(key)) : Optional.empty();
    }

    /** Its name, e.g. {@code GCJ-02}; an EPSG code as {@link #byName} was given it, in upper case. */
    public String name() {
        return name;
    }

    /** True when coordinates are x/y (easting/northing, in metres or feet) rather than latitude/longitude degrees. */
    public boolean projected() {
        return projected;
    }

    /**
     * @param first  latitude, or x (easting) for a projected CRS
     * @param second longitude, or y (northing) for a projected CRS
     * @return {latitude, longitude} in WGS84, not yet range-checked
     * @throws IllegalArgumentException if the system cannot convert the point (outside a projection's
     *                                  extent, not a number), with a message saying so
     */
    public abstract double[] toWgs84(double first, double second);

    @Override
    public String toString() {
        return name;
    }

    /** 123 rather than 123.0 in messages. */
    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** A system from proj4j's EPSG definitions. */
    private static final class Proj4jCrs extends Crs {

        private static final CRSFactory SYSTEMS = new CRSFactory();

        /** proj4j's transforms keep intermediate results in fields: one per thread. */
        private final ThreadLocal<CoordinateTransform> transform;

        private Proj4jCrs(String name, boolean projected) {
            super(name, projected);
            this.transform = ThreadLocal.withInitial(() -> new CoordinateTransformFactory().createTransform(
                    SYSTEMS.createFromName(name), SYSTEMS.createFromName("EPSG:4326")));
        }

        static Optional<Crs> load(String name) {
            CoordinateReferenceSystem system = system(name);
            if (system == null || unshiftable(system)) {
                return Optional.empty();
            }
            return Optional.of(new Proj4jCrs(name, !Boolean.TRUE.equals(system.isGeographic())));
        }

        /** The datum of a known system that proj4j cannot shift to WGS84 (NAD27...), else null. */
        static String unshiftableDatum(String name) {
            CoordinateReferenceSystem system = system(name);
            if (system == null || !unshiftable(system)) {
                return null;
            }
            String code = system.getDatum().getCode();
            return code == null || code.isBlank() ? system.getDatum().getName() : code;
        }

        private static CoordinateReferenceSystem system(String name) {
            try {
                return SYSTEMS.createFromName(name);
            } catch (RuntimeException e) {
                return null; // not in the EPSG definitions, or a kind proj4j cannot convert
            }
        }

        /**
         * A datum with neither parameters nor equivalence to WGS84 (NAD27: grid files) would be
         * converted as if it were WGS84, tens of metres off; a grid shift needs files not shipped.
         */
        private static boolean unshiftable(CoordinateReferenceSystem system) {
            int type = system.getDatum().getTransformType();
            // "@null" is the grid of no shift (the spherical Mercator codes use it)
            return type == Datum.TYPE_UNKNOWN
                    || type == Datum.TYPE_GRIDSHIFT && !system.getParameterString().contains("+nadgrids=@null ")
                    && !system.getParameterString().endsWith("+nadgrids=@null");
        }

        @Override
        public double[] toWgs84(double first, double second) {
            // proj4j takes x/y, and longitude/latitude for a geographic system
            ProjCoordinate source = projected() ? new ProjCoordinate(first, second) : new ProjCoordinate(second, first);
            ProjCoordinate target = new ProjCoordinate();
            try {
                transform.get().transform(source, target);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException((projected() ? "x/y " : "latitude/longitude ") + plain(first) + "/"
                        + plain(second) + " cannot be converted from " + name() + ": " + e.getMessage(), e);
            }
            return new double[] {target.y, target.x};
        }
    }
}
