package civic.exchange.facilityevents.archive;

import civic.exchange.registry.CanonicalSchemas;
import civic.exchange.schema.Facility;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.topics.CanonicalEntity;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The facility archive: {@code canonical.facility} read as a table, so the state store holds the
 * latest state of every facility, keyed by canonical id. A tombstone (null value) removes the
 * facility. Canonical ids are deterministic and the table keeps only the last value per key, so
 * re-reading the topic (at-least-once, replays) converges to the same archive.
 */
public final class FacilityArchiveTopology {

    /** Queryable store with the latest {@link Facility} per canonical id. */
    public static final String STORE = "facility-archive-store";
    /** Name of the source node, so the topology description stays stable across releases. */
    public static final String SOURCE = "facility-archive-source";

    private final Serde<Facility> facilitySerde;

    public FacilityArchiveTopology(Serde<Facility> facilitySerde) {
        this.facilitySerde = Objects.requireNonNull(facilitySerde, "facilitySerde");
    }

    /**
     * The topology with canonical values decoded through the schema registry at {@code registryUrl}.
     * The store serializes under the canonical subject and never registers a schema: the archive
     * holds exactly what {@code canonical.facility} carries, whose subject provisioning created.
     */
    public static FacilityArchiveTopology withRegistry(String registryUrl) {
        return new FacilityArchiveTopology(ExchangeAvroSerde.forValues(Facility.class, registryUrl, Map.of(
                ExchangeSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
                ExchangeSerdeConfig.VALUE_SUBJECT, CanonicalSchemas.valueSubject(CanonicalEntity.FACILITY.topic()))));
    }

    /** Builds the topology; needs no broker, so tests drive it with {@code TopologyTestDriver}. */
    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(CanonicalEntity.FACILITY.topic(),
                Consumed.with(Serdes.String(), facilitySerde).withName(SOURCE),
                Materialized.<String, Facility, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(facilitySerde));
        // The source topic is the store's changelog: no second copy of canonical.facility to keep.
        Properties optimization = new Properties();
        optimization.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        return builder.build(optimization);
    }
}
