package civic.exchange.standardizer.link;

import civic.exchange.geo.GeoDistance;
import civic.exchange.schema.FacilityType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Facilities by grid cell, in a key-value store, so the nearest facility of a type is found by a
 * few prefix scans instead of a pass over all of them.
 *
 * <p>The grid is fixed: cells of {@value #CELL_DEGREES}° of latitude by as much of longitude
 * (about 111 m north–south; east–west shrinks with the cosine of the latitude). Two kinds of entry:
 * <ul>
 *   <li>{@code c/<TYPE>/<row>/<column>/<facility id>} → {@code "<latitude> <longitude>"} in
 *       ten-millionths of a degree (about 1 cm; integers print far faster than doubles, and the
 *       global thread writes one per facility update): the facilities of one type in one cell are
 *       one prefix;</li>
 *   <li>{@code f/<facility id>} → {@code <TYPE>/<row>/<column>}: where a facility is now, so that a
 *       moved, retired or deleted facility leaves its old cell.</li>
 * </ul>
 * A lookup within radius r scans, per compatible type, the cells of the bounding box of the circle:
 * for 50 m that is 1 to 4 cells. Store keys are ordered (RocksDB), so each scan reads only its cell.
 * The cell size is part of the stored format: changing it means rebuilding the index (a new store name).
 */
public final class SpatialIndex {

    public static final double CELL_DEGREES = 0.001;
    private static final int ROWS = (int) Math.round(180 / CELL_DEGREES);
    private static final int COLUMNS = (int) Math.round(360 / CELL_DEGREES);
    /** Length of one degree of latitude on the sphere {@link GeoDistance} uses. */
    private static final double METERS_PER_DEGREE = 2 * Math.PI * 6_371_008.8 / 360;
    /** Below this cosine (within about 0.6° of a pole) the longitude span of a search stops growing. */
    private static final double MIN_COSINE = 0.01;
    private static final String CELL = "c/";
    private static final String FACILITY = "f/";
    private static final StringSerializer KEYS = new StringSerializer();
    private static final double E7 = 1e7;

    private final KeyValueStore<String, String> store;

    public SpatialIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    /** A facility found by {@link #nearest}, with its great-circle distance from the point asked about. */
    public record Nearest(String facilityId, FacilityType type, double distanceMeters) {
    }

    /** Adds the facility at its position, or moves it there. */
    public void put(String facilityId, FacilityType type, double latitude, double longitude) {
        String place = type.name() + "/" + row(latitude) + "/" + column(longitude);
        String cellKey = CELL + place + "/" + facilityId;
        String position = Math.round(latitude * E7) + " " + Math.round(longitude * E7);
        String previous = store.get(FACILITY + facilityId);
        if (place.equals(previous)) {
            // Most updates re-publish a facility that has not moved: nothing to write then.
            if (!position.equals(store.get(cellKey))) {
                store.put(cellKey, position);
            }
            return;
        }
        if (previous != null) {
            store.delete(CELL + previous + "/" + facilityId);
        }
        // One write batch for both entries.
        store.putAll(List.of(KeyValue.pair(cellKey, position), KeyValue.pair(FACILITY + facilityId, place)));
    }

    /** Takes the facility out of the index (deleted, retired, or no longer located). */
    public void remove(String facilityId) {
        String previous = store.get(FACILITY + facilityId);
        if (previous != null) {
            store.delete(CELL + previous + "/" + facilityId);
            store.delete(FACILITY + facilityId);
        }
    }

    /**
     * The facility of one of the given types nearest to the point, if one lies within the radius.
     * Ties go to the smaller facility id, so the same index always gives the same answer.
     */
    public Optional<Nearest> nearest(double latitude, double longitude, double radiusMeters, Set<FacilityType> types) {
        double latitudeSpan = radiusMeters / METERS_PER_DEGREE;
        double cosine = Math.max(MIN_COSINE, Math.cos(Math.toRadians(latitude)));
        double longitudeSpan = radiusMeters / (METERS_PER_DEGREE * cosine);
        int firstRow = row(latitude - latitudeSpan);
        int lastRow = row(latitude + latitudeSpan);
        long firstColumn = (long) Math.floor((longitude - longitudeSpan + 180) / CELL_DEGREES);
        long lastColumn = Math.min((long) Math.floor((longitude + longitudeSpan + 180) / CELL_DEGREES),
                firstColumn + COLUMNS - 1);

        String bestId = null;
        FacilityType bestType = null;
        double bestDistance = Double.MAX_VALUE;
        for (FacilityType type : types) {
            for (int row = firstRow; row <= lastRow; row++) {
                for (long c = firstColumn; c <= lastColumn; c++) {
                    String prefix = CELL + type.name() + "/" + row + "/" + Math.floorMod(c, COLUMNS) + "/";
                    try (KeyValueIterator<String, String> cell = store.prefixScan(prefix, KEYS)) {
                        while (cell.hasNext()) {
                            KeyValue<String, String> entry = cell.next();
                            String id = entry.key.substring(prefix.length());
                            int space = entry.value.indexOf(' ');
                            double distance = GeoDistance.meters(latitude, longitude,
                                    degrees(entry.value.substring(0, space)), degrees(entry.value.substring(space + 1)));
                            if (distance <= radiusMeters && (distance < bestDistance
                                    || distance == bestDistance && id.compareTo(bestId) < 0)) {
                                bestId = id;
                                bestType = type;
                                bestDistance = distance;
                            }
                        }
                    }
                }
            }
        }
        return bestId == null ? Optional.empty() : Optional.of(new Nearest(bestId, bestType, bestDistance));
    }

    /** A stored coordinate: ten-millionths of a degree, or decimal degrees as earlier versions wrote them. */
    private static double degrees(String stored) {
        return stored.indexOf('.') >= 0 ? Double.parseDouble(stored) : Long.parseLong(stored) / E7;
    }

    private static int row(double latitude) {
        int row = (int) Math.floor((latitude + 90) / CELL_DEGREES);
        return Math.max(0, Math.min(ROWS - 1, row));
    }

    private static int column(double longitude) {
        return Math.floorMod((long) Math.floor((longitude + 180) / CELL_DEGREES), COLUMNS);
    }
}
