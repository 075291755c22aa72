package civic.exchange.standardizer.link;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.streams.failure.FailureKind;
import civic.exchange.streams.failure.StreamsHealth;
import java.time.Duration;
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
 * whole standardizer; a registry outage is waited out, record by record.
 */
public final class FacilityIndexUpdater implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(FacilityIndexUpdater.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String storeName;
    private final String topic;
    private final Deserializer<GenericRecord> facilities;
    private final Sleeper sleeper;
    private SpatialIndex index;
    private StreamsHealth health;

    /** How the updater waits out an outage; a test passes one that does not. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

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
        this(storeName, topic, facilities, d -> Thread.sleep(d.toMillis()));
    }

    public FacilityIndexUpdater(String storeName, String topic, Deserializer<GenericRecord> facilities, Sleeper sleeper) {
        this.storeName = storeName;
        this.topic = topic;
        this.facilities = facilities;
        this.sleeper = sleeper;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        KeyValueStore<String, String> store = context.getStateStore(storeName);
        index = new SpatialIndex(store);
        health = StreamsHealth.of(context.applicationId());
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
        GenericRecord facility = decode(record);
        if (facility == null) {
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

    /**
     * The facility, or null when its bytes cannot be read (logged, left out of the index). While the
     * schema registry is unavailable it waits and tries again, with a growing backoff: Kafka Streams
     * cannot replace the global thread, and skipping would leave facilities out of the index for good.
     */
    private GenericRecord decode(Record<String, byte[]> record) {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                return facilities.deserialize(topic, record.value());
            } catch (RuntimeException e) {
                if (FailureKind.of(e) == FailureKind.RECORD) {
                    LOG.warn("Facility {} cannot be read, left out of the spatial index: {}", record.key(), e.toString());
                    return null;
                }
                String reason = "Cannot read facility " + record.key() + " for the spatial index: " + FailureKind.describe(e);
                health.infrastructureFailed(reason);
                LOG.warn("{}; trying again in {} s", reason, backoff.toSeconds());
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
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
