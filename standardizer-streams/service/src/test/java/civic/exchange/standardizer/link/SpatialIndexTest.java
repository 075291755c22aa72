package civic.exchange.standardizer.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.geo.GeoDistance;
import civic.exchange.schema.FacilityType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class SpatialIndexTest {

    /** The FIWARE Guadalajara streetlight. */
    private static final double LAT = 40.62785133667262;
    private static final double LON = -3.164485591715449;
    /** Degrees of latitude per metre, on the sphere GeoDistance uses. */
    private static final double LAT_PER_M = 360 / (2 * Math.PI * 6_371_008.8);

    private final KeyValueStore<String, String> store = InMemoryStores.strings("index");
    private final SpatialIndex index = new SpatialIndex(store);

    @Test
    void theNearestFacilityOfACompatibleTypeWithinTheRadiusWins() {
        index.put("far-light", FacilityType.STREETLIGHT, LAT + 30 * LAT_PER_M, LON);
        index.put("near-light", FacilityType.STREETLIGHT, LAT - 12 * LAT_PER_M, LON);
        index.put("nearest-bin", FacilityType.WASTE_CONTAINER, LAT + 2 * LAT_PER_M, LON);

        SpatialIndex.Nearest found = index.nearest(LAT, LON, 50, Set.of(FacilityType.STREETLIGHT)).orElseThrow();
        assertThat(found.facilityId()).isEqualTo("near-light");
        assertThat(found.type()).isEqualTo(FacilityType.STREETLIGHT);
        assertThat(found.distanceMeters()).isCloseTo(12.0, within(0.01));

        assertThat(index.nearest(LAT, LON, 50, Set.of(FacilityType.STREETLIGHT, FacilityType.WASTE_CONTAINER)))
                .map(SpatialIndex.Nearest::facilityId).contains("nearest-bin");
        assertThat(index.nearest(LAT, LON, 50, Set.of(FacilityType.TREE))).as("no tree anywhere").isEmpty();
    }

    @Test
    void nothingBeyondTheRadiusEvenInATouchedCell() {
        index.put("light", FacilityType.STREETLIGHT, LAT + 51 * LAT_PER_M, LON);
        assertThat(index.nearest(LAT, LON, 50, Set.of(FacilityType.STREETLIGHT))).isEmpty();
        assertThat(index.nearest(LAT, LON, 52, Set.of(FacilityType.STREETLIGHT))).isPresent();
    }

    @Test
    void facilitiesAcrossCellBordersAndAlongLongitudesAreFound() {
        // Metres east at this latitude, and a point a few metres across a cell border.
        double lonPerM = LAT_PER_M / Math.cos(Math.toRadians(LAT));
        double border = Math.floor((LON + 180) / SpatialIndex.CELL_DEGREES) * SpatialIndex.CELL_DEGREES - 180;
        index.put("east", FacilityType.TREE, LAT, border - 3 * lonPerM);
        SpatialIndex.Nearest found = index.nearest(LAT, border + 4 * lonPerM, 10, Set.of(FacilityType.TREE)).orElseThrow();
        assertThat(found.facilityId()).isEqualTo("east");
        assertThat(found.distanceMeters()).isCloseTo(7.0, within(0.01));

        index.put("west", FacilityType.TREE, LAT, LON - 400 * lonPerM);
        assertThat(index.nearest(LAT, LON - 400 * lonPerM + 900 * lonPerM, 1000, Set.of(FacilityType.TREE)))
                .map(SpatialIndex.Nearest::facilityId).contains("east");
    }

    @Test
    void theAntimeridianIsNoBorder() {
        index.put("fiji-east", FacilityType.OTHER, -17.0, 179.9999);
        SpatialIndex.Nearest found = index.nearest(-17.0, -179.9999, 50, Set.of(FacilityType.OTHER)).orElseThrow();
        assertThat(found.facilityId()).isEqualTo("fiji-east");
        assertThat(found.distanceMeters()).isCloseTo(GeoDistance.meters(-17.0, 179.9999, -17.0, -179.9999), within(1e-6));
    }

    @Test
    void aMovedFacilityLeavesItsOldCellAndARemovedOneIsGone() {
        index.put("light", FacilityType.STREETLIGHT, LAT, LON);
        index.put("light", FacilityType.STREETLIGHT, LAT + 0.01, LON);
        assertThat(index.nearest(LAT, LON, 100, Set.of(FacilityType.STREETLIGHT))).isEmpty();
        assertThat(index.nearest(LAT + 0.01, LON, 1, Set.of(FacilityType.STREETLIGHT))).isPresent();

        // A facility whose type changed moves to the cells of its new type.
        index.put("light", FacilityType.CONTROL_CABINET, LAT + 0.01, LON);
        assertThat(index.nearest(LAT + 0.01, LON, 1, Set.of(FacilityType.STREETLIGHT))).isEmpty();
        assertThat(index.nearest(LAT + 0.01, LON, 1, Set.of(FacilityType.CONTROL_CABINET))).isPresent();

        index.remove("light");
        index.remove("never-indexed");
        assertThat(entries()).as("nothing left behind").isEmpty();
    }

    @Test
    void aFacilityRepublishedWhereItStandsWritesNothingAndASmallMoveOnlyItsPosition() {
        List<String> writes = new ArrayList<>();
        SpatialIndex watched = new SpatialIndex(recordingWrites(store, writes));
        watched.put("light", FacilityType.STREETLIGHT, LAT, LON);
        assertThat(writes).containsExactly("putAll");

        writes.clear();
        watched.put("light", FacilityType.STREETLIGHT, LAT, LON);
        assertThat(writes).as("the same place and position again").isEmpty();

        // Two metres north: the same cell, a new position.
        watched.put("light", FacilityType.STREETLIGHT, LAT + 2 * LAT_PER_M, LON);
        assertThat(writes).containsExactly("put");
        assertThat(entries()).hasSize(2);
        assertThat(index.nearest(LAT, LON, 50, Set.of(FacilityType.STREETLIGHT)))
                .hasValueSatisfying(found -> assertThat(found.distanceMeters()).isCloseTo(2.0, within(0.01)));
    }

    @Test
    void tiesGoToTheSmallerIdWhateverTheOrderOfArrival() {
        index.put("b", FacilityType.STREETLIGHT, LAT + 10 * LAT_PER_M, LON);
        index.put("a", FacilityType.STREETLIGHT, LAT - 10 * LAT_PER_M, LON);
        index.put("c", FacilityType.STREETLIGHT, LAT + 10 * LAT_PER_M, LON);
        assertThat(index.nearest(LAT, LON, 50, Set.of(FacilityType.STREETLIGHT)))
                .map(SpatialIndex.Nearest::facilityId).contains("a");
    }

    @Test
    void oneEntryPerCellAndOnePerFacility() {
        index.put("light", FacilityType.STREETLIGHT, LAT, LON);
        assertThat(entries()).hasSize(2).anySatisfy(e -> assertThat(e.key).isEqualTo("f/light"))
                .anySatisfy(e -> assertThat(e.key).startsWith("c/STREETLIGHT/").endsWith("/light")
                        .satisfies(k -> assertThat(e.value).isEqualTo(Math.round(LAT * 1e7) + " " + Math.round(LON * 1e7))));
    }

    @Test
    void positionsInDecimalDegreesAsEarlierVersionsStoredThemAreStillRead() {
        index.put("light", FacilityType.STREETLIGHT, LAT, LON);
        String cell = entries().stream().map(e -> e.key).filter(k -> k.startsWith("c/")).findFirst().orElseThrow();
        store.put(cell, (LAT + 10 * LAT_PER_M) + " " + LON);
        assertThat(index.nearest(LAT, LON, 50, Set.of(FacilityType.STREETLIGHT)))
                .hasValueSatisfying(found -> assertThat(found.distanceMeters()).isCloseTo(10.0, within(0.01)));
    }

    private List<KeyValue<String, String>> entries() {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entries::add);
        }
        return entries;
    }

    /** The store, noting the name of every write made through it. */
    @SuppressWarnings("unchecked")
    private static KeyValueStore<String, String> recordingWrites(KeyValueStore<String, String> store, List<String> writes) {
        return (KeyValueStore<String, String>) Proxy.newProxyInstance(SpatialIndexTest.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (Set.of("put", "putAll", "putIfAbsent", "delete").contains(method.getName())) {
                        writes.add(method.getName());
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
