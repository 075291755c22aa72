package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;

class FacilityStoresRocksDbConfigTest {

    private final FacilityStoresRocksDbConfig config = new FacilityStoresRocksDbConfig();

    @Test
    void theFacilityStoresGetAMemtableBloomFilter() {
        for (String store : new String[] {FacilityStores.SPATIAL_INDEX, FacilityStores.XREF}) {
            try (Options options = new Options()) {
                config.setConfig(store, options, Map.of());
                assertThat(options.memtablePrefixBloomSizeRatio()).as(store).isEqualTo(0.1);
                assertThat(options.memtableWholeKeyFiltering()).as(store).isTrue();
            }
        }
    }

    @Test
    void anyOtherStoreKeepsRocksDbDefaults() {
        try (Options options = new Options(); Options defaults = new Options()) {
            config.setConfig("some-other-store", options, Map.of());
            assertThat(options.memtablePrefixBloomSizeRatio()).isEqualTo(defaults.memtablePrefixBloomSizeRatio());
            assertThat(options.memtableWholeKeyFiltering()).isEqualTo(defaults.memtableWholeKeyFiltering());
        }
    }
}
