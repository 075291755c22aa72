package civic.exchange.streams;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topics a topology reads and writes, read off the topology itself: what a service must find
 * provisioned before it starts. Kafka Streams' own repartition topics are left out (it creates
 * them); changelogs never appear in a description.
 *
 * @param reads  topics its sources and global stores read
 * @param writes topics its sinks write
 */
public record TopologyTopics(SortedSet<String> reads, SortedSet<String> writes) {

    private static final String REPARTITION_SUFFIX = "-repartition";

    public TopologyTopics {
        reads = Collections.unmodifiableSortedSet(new TreeSet<>(reads));
        writes = Collections.unmodifiableSortedSet(new TreeSet<>(writes));
    }

    public static TopologyTopics of(Topology topology) {
        SortedSet<String> reads = new TreeSet<>();
        SortedSet<String> writes = new TreeSet<>();
        TopologyDescription description = topology.describe();
        for (TopologyDescription.GlobalStore store : description.globalStores()) {
            addSource(store.source(), reads);
        }
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    addSource(source, reads);
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    // a sink choosing its topic per record (a TopicNameExtractor) names none here
                    writes.add(sink.topic());
                }
            }
        }
        reads.removeIf(TopologyTopics::isRepartition);
        writes.removeIf(TopologyTopics::isRepartition);
        return new TopologyTopics(reads, writes);
    }

    /** Every topic it reads or writes. */
    public SortedSet<String> all() {
        SortedSet<String> all = new TreeSet<>(reads);
        all.addAll(writes);
        return Collections.unmodifiableSortedSet(all);
    }

    private static void addSource(TopologyDescription.Source source, SortedSet<String> reads) {
        if (source.topicSet() != null) {
            reads.addAll(source.topicSet());
        }
    }

    private static boolean isRepartition(String topic) {
        return topic.endsWith(REPARTITION_SUFFIX);
    }
}
