package civic.exchange.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

class TopologyTopicsTest {

    @Test
    void readsAndWritesComeFromSourcesGlobalStoresAndSinksWithoutRepartitionTopics() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.globalTable("lookup", Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("lookup-store"));
        builder.stream("raw.a.b", Consumed.with(Serdes.String(), Serdes.String()))
                .selectKey((k, v) -> v)
                .groupByKey(Grouped.as("by-value"))
                .count(Materialized.as("counts"))
                .toStream()
                .mapValues(String::valueOf)
                .to("counts.out", Produced.with(Serdes.String(), Serdes.String()));
        builder.stream("raw.a.b", Consumed.with(Serdes.String(), Serdes.String()).withName("again"))
                .to("lookup", Produced.with(Serdes.String(), Serdes.String()));

        TopologyTopics topics = TopologyTopics.of(builder.build());

        assertThat(topics.reads()).containsExactly("lookup", "raw.a.b");
        assertThat(topics.writes()).containsExactly("counts.out", "lookup");
        assertThat(topics.all()).containsExactly("counts.out", "lookup", "raw.a.b")
                .noneMatch(t -> t.endsWith("-repartition"));
    }
}
