package civic.exchange.standardizer.link;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link SpatialIndex} in step with {@code canonical.facility}: the global store's only
 * writer. Kafka Streams runs it on every record of the topic, at start to rebuild the store (the
 * store holds cells, not the topic's records, so restoring goes through here too) and then live.
 *
 * <p>Values arrive as bytes and are decoded here: a record this service cannot read is logged and
 * left out of the index, where a failing deserializer would stop the global thread and with it the
 * whole standardizer.
 */
public final class FacilityIndexUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(FacilityIndexUpdater.class);

    private final String storeName;
    private final String topic;
    private final Deserializer<Facility> facilities;
    private SpatialIndex index;

    /** @param topic the topic the values come from, for the deserializer */
    public FacilityIndexUpdater(String storeName, String topic, Deserializer<Facility> facilities) {
        this.storeName = storeName;
        this.topic = topic;
        this.facilities = facilities;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        KeyValueStore<String, String> store = context.getStateStore(storeName);
        index = new SpatialIndex(store);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            index.remove(record.key());
            return;
        }
        Facility facility;
        try {
            facility = facilities.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            LOG.warn("Facility {} cannot be read, left out of the spatial index: {}", record.key(), e.toString());
            return;
        }
        if (facility.getLocation() == null || facility.getStatus() == FacilityStatus.RETIRED) {
            // Nothing to link to: no place, or no longer there.
            index.remove(record.key());
        } else {
            index.put(record.key(), facility.getType(), facility.getLocation().getLatitude(),
                    facility.getLocation().getLongitude());
        }
    }
}
