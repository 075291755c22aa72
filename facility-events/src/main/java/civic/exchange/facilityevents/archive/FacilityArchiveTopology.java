package civic.exchange.facilityevents.archive;

import civic.exchange.registry.CanonicalSchemas;
import civic.exchange.schema.Facility;
import civic.exchange.serde.ExchangeAvroSerde;
import civic.exchange.serde.ExchangeSerdeConfig;
import civic.exchange.topics.CanonicalEntity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The facility archive: {@code canonical.facility} read as a table, so the state store holds the
 * latest state of every facility, keyed by canonical id. A tombstone (null value) removes the
 * facility. Canonical ids are deterministic and the table keeps only the last value per key, so
 * re-reading the topic (at-least-once, replays) converges to the same archive. The store's changelog
 * is its own compacted topic ({@link #changelogTopic}).
 */
public final class FacilityArchiveTopology {

    /** Queryable store with the latest {@link Facility} per canonical id. */
    public static final String STORE = "facility-archive-store";
    /** Name of the source node, so the topology description stays stable across releases. */
    public static final String SOURCE = "facility-archive-source";
    /** Default for {@link #withRegistry(String, Duration)}: short, since a held record is retried anyway. */
    public static final Duration REGISTRY_RETRY_BUDGET = Duration.ofSeconds(10);

    private final Serde<Facility> facilitySerde;

    /** The store's changelog, which Kafka Streams creates compacted: what a new or moved instance restores from. */
    public static String changelogTopic(String applicationId) {
        return applicationId + "-" + STORE + "-changelog";
    }

    public FacilityArchiveTopology(Serde<Facility> facilitySerde) {
        this.facilitySerde = Objects.requireNonNull(facilitySerde, "facilitySerde");
    }

    /**
     * The topology with canonical values decoded through the schema registry at {@code registryUrl}.
     * The store serializes under the canonical subject and never registers a schema: the archive
     * holds exactly what {@code canonical.facility} carries, whose subject provisioning created.
     */
    public static FacilityArchiveTopology withRegistry(String registryUrl) {
        return withRegistry(registryUrl, REGISTRY_RETRY_BUDGET);
    }

    /**
     * @param retryBudget how long one registry call keeps retrying an unreachable registry before the
     *                    record is held back (the stream thread is then replaced and reads it again)
     */
    public static FacilityArchiveTopology withRegistry(String registryUrl, Duration retryBudget) {
        return new FacilityArchiveTopology(ExchangeAvroSerde.forValues(Facility.class, registryUrl, Map.of(
                ExchangeSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
                ExchangeSerdeConfig.VALUE_SUBJECT, CanonicalSchemas.valueSubject(CanonicalEntity.FACILITY.topic()),
                ExchangeSerdeConfig.REGISTRY_RETRY_BUDGET_MS, String.valueOf(retryBudget.toMillis()))));
    }

    /** Builds the topology; needs no broker, so tests drive it with {@code TopologyTestDriver}. */
    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(CanonicalEntity.FACILITY.topic(),
                Consumed.with(Serdes.String(), facilitySerde).withName(SOURCE),
                Materialized.<String, Facility, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(facilitySerde));
        // Not built with reuse.ktable.source.topics: the store restores from its own compacted
        // changelog (one entry per facility), never from canonical.facility, whose retention and
        // compaction are another team's setting and whose bytes a restore would copy into the
        // store without passing the deserialization handler.
        return builder.build();
    }
}
