package civic.exchange.standardizer.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB settings of the global facility stores (the standardizer's only RocksDB stores). The
 * global thread looks up every facility it indexes before writing it, and a new facility is not
 * there yet: a bloom filter over the memtable answers those misses without searching its skip list
 * (the table files already have one, as Kafka Streams configures them).
 */
public final class FacilityStoresRocksDbConfig implements RocksDBConfigSetter {

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        if (storeName.equals(FacilityStores.SPATIAL_INDEX) || storeName.equals(FacilityStores.XREF)) {
            options.setMemtablePrefixBloomSizeRatio(0.1);
            options.setMemtableWholeKeyFiltering(true);
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing allocated here
    }
}
