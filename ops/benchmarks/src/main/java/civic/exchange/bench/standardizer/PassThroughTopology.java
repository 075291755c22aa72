package civic.exchange.bench.standardizer;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Variant (a): raw bytes copied to another topic, the floor any Kafka Streams job pays. */
final class PassThroughTopology {

    private PassThroughTopology() {
    }

    static Topology build(String input, String output, ProcessedCounter counter) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-source"))
                .peek((k, v) -> counter.hit(), Named.as("pass-count"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("pass-sink"));
        return builder.build();
    }
}
