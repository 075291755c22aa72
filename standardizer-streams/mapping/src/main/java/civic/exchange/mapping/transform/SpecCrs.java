package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import civic.exchange.geo.Crs;
import java.util.Objects;
import java.util.Optional;

/**
 * A coordinate reference system as a spec names it ({@code crs:}): exchange-core's {@link Crs},
 * which converts (WGS84, Web Mercator, GCJ-02, any EPSG code through proj4j), seen from the spec.
 * A name the bus does not convert is refused with the reason ({@link #refusal}), and a point the
 * system cannot convert is an {@code OUT_OF_RANGE} value of the record, not a failure of the spec.
 */
public final class SpecCrs {

    /** Latitude/longitude degrees, the default of a spec's points. */
    public static final SpecCrs WGS84 = of(Crs.WGS84);

    private final Crs system;

    private SpecCrs(Crs system) {
        this.system = Objects.requireNonNull(system);
    }

    /** A system as specs use it. */
    public static SpecCrs of(Crs system) {
        return new SpecCrs(system);
    }

    /** The system a spec names, e.g. {@code EPSG:3857}, {@code GCJ-02}, {@code epsg:25833}; empty if unknown. */
    public static Optional<SpecCrs> byName(String name) {
        return Crs.byName(name).map(SpecCrs::of);
    }

    /** Why {@link #byName} finds no system of that name, for the spec's error message. */
    public static String refusal(String name) {
        Optional<String> datum = Crs.gridShiftOnlyDatum(name);
        if (datum.isPresent()) {
            return "crs '" + name + "' is on a datum (" + datum.get() + ") that only grid files shift to WGS84, which the"
                    + " standardizer does not ship: its points would be off by up to a hundred metres. Give the"
                    + " coordinates in a system on WGS84, ETRS89, NAD83 or GDA (or one with a published 3- or"
                    + " 7-parameter shift)";
        }
        return "unknown crs '" + name + "' (known: " + names() + ")";
    }

    /** For messages that list what a spec may name. */
    public static String names() {
        return Crs.WGS84.name() + ", " + Crs.EPSG_3857.name() + ", " + Crs.GCJ_02.name()
                + " and other EPSG codes, e.g. EPSG:25833 (UTM 33N), EPSG:2154 (Lambert-93), EPSG:27700";
    }

    /** The system that converts. */
    public Crs system() {
        return system;
    }

    /** How a spec names it, e.g. {@code GCJ-02}. */
    public String specName() {
        return system.name();
    }

    /** True when coordinates are x/y (easting/northing, in metres or feet) rather than latitude/longitude degrees. */
    public boolean projected() {
        return system.projected();
    }

    /**
     * @param first  latitude, or x (easting) for a projected CRS
     * @param second longitude, or y (northing) for a projected CRS
     * @return {latitude, longitude} in WGS84, not yet range-checked
     * @throws InvalidValueException {@code OUT_OF_RANGE} if the system cannot convert the point
     */
    public double[] toWgs84(double first, double second) {
        try {
            return system.toWgs84(first, second);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(ErrorCode.OUT_OF_RANGE, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return specName();
    }
}
