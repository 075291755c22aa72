package civic.exchange.standardizer.topology;

import civic.exchange.registry.SchemaRegistryClients;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.standardizer.link.FacilityIndexUpdater;
import civic.exchange.standardizer.link.XrefUpdater;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;

/**
 * The global stores linking reads, each fed by its own processor from a topic:
 * <ul>
 *   <li>{@value #SPATIAL_INDEX} from {@code canonical.facility}: facilities by grid cell and type
 *       ({@link civic.exchange.standardizer.link.SpatialIndex});</li>
 *   <li>{@value #XREF} from {@code xref.facility}: {@code department/dataset/localId} → canonical id.</li>
 * </ul>
 * Global, because a service request may be near any facility, whatever partition either is on:
 * every instance holds the whole index (RocksDB, on disk; about 150 bytes per facility), kept up to
 * date by one global thread, which reads every record of the topic. So each is added only when a
 * loaded spec reads it, and after the datasets, so that adding it renumbers none of their
 * sub-topologies (which hold no state of their own on disk either: their stores are in memory,
 * their changelog and repartition topics are named).
 */
final class FacilityStores {

    static final String SPATIAL_INDEX = "facility.spatial-index";
    static final String XREF = "xref.facility";

    private FacilityStores() {
    }

    /**
     * @param spatialIndex add the spatial index (some spec links by proximity)
     * @param xref         add the cross-reference (some spec resolves facility references)
     */
    static void add(StreamsBuilder builder, String schemaRegistryUrl, boolean spatialIndex, boolean xref) {
        if (spatialIndex) {
            addSpatialIndex(builder, schemaRegistryUrl);
        }
        if (xref) {
            addXref(builder);
        }
    }

    private static void addSpatialIndex(StreamsBuilder builder, String schemaRegistryUrl) {
        // One registry client for the index's lifetime, shared by the processors Kafka Streams makes.
        Deserializer<GenericRecord> facilities = ExchangeAvroDeserializer.projecting(
                SchemaRegistryClients.forUrl(schemaRegistryUrl), FacilityIndexUpdater.PLACEMENT);
        // Logging disabled: a global store's topic is its changelog (Kafka Streams enforces it).
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SPATIAL_INDEX), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                CanonicalEntity.FACILITY.topic(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SPATIAL_INDEX + ".update"),
                () -> new FacilityIndexUpdater(SPATIAL_INDEX, CanonicalEntity.FACILITY.topic(), facilities));
    }

    private static void addXref(StreamsBuilder builder) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(XREF), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                Topics.XREF_FACILITY,
                Consumed.with(Serdes.String(), Serdes.String()).withName(XREF + ".update"),
                () -> new XrefUpdater(XREF));
    }
}
