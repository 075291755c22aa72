package civic.exchange.standardizer.link;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
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
    private final Deserializer<GenericRecord> facilities;
    private SpatialIndex index;

    /**
     * The fields of {@link Facility} the index needs. Every facility the standardizer writes passes
     * through here on the global thread; decoding only these lets Avro skip the rest (attributes,
     * provenance) instead of building them.
     */
    public static final Schema PLACEMENT = placement();

    /**
     * @param topic      the topic the values come from, for the deserializer
     * @param facilities a deserializer reading into {@link #PLACEMENT}
     */
    public FacilityIndexUpdater(String storeName, String topic, Deserializer<GenericRecord> facilities) {
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
        GenericRecord facility;
        try {
            facility = facilities.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            LOG.warn("Facility {} cannot be read, left out of the spatial index: {}", record.key(), e.toString());
            return;
        }
        GenericRecord location = (GenericRecord) facility.get("location");
        if (location == null || FacilityStatus.RETIRED.name().equals(String.valueOf(facility.get("status")))) {
            // Nothing to link to: no place, or no longer there.
            index.remove(record.key());
        } else {
            index.put(record.key(), FacilityType.valueOf(facility.get("type").toString()),
                    (Double) location.get("latitude"), (Double) location.get("longitude"));
        }
    }

    private static Schema placement() {
        Schema facility = Facility.getClassSchema();
        return Schema.createRecord(facility.getName(), "Placement of a facility (spatial index projection)",
                facility.getNamespace(), false, Stream.of("type", "status", "location")
                        .map(name -> new Schema.Field(facility.getField(name), facility.getField(name).schema()))
                        .toList());
    }
}
