package civic.exchange.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

class TopologyBoundClientSupplierTest {

    /** One pass-through per dataset, in catalog order, as the standardizer builds one sub-topology each. */
    private static Topology datasets(String... datasets) {
        Topology topology = new Topology();
        for (String dataset : datasets) {
            topology.addSource(dataset + ".source", "raw." + dataset);
            topology.addSink(dataset + ".sink", "canonical." + dataset, dataset + ".source");
        }
        return topology;
    }

    @Test
    void theSameTopologyHasTheSameDigestAndAnAddedDatasetAnother() {
        String before = TopologyBoundClientSupplier.digest(datasets("parks.trees", "sanitation.bins"));

        assertThat(TopologyBoundClientSupplier.digest(datasets("parks.trees", "sanitation.bins"))).isEqualTo(before).hasSize(8);
        assertThat(TopologyBoundClientSupplier.digest(datasets("parks.benches", "parks.trees", "sanitation.bins")))
                .as("a dataset added before the others renumbers them").isNotEqualTo(before);
        assertThat(TopologyBoundClientSupplier.digest(datasets("parks.trees", "sanitation.bins", "transport.spots")))
                .isNotEqualTo(before);
    }

    @Test
    void onlyAStaticMembersInstanceIdIsBoundToTheTopology() {
        TopologyBoundClientSupplier supplier = new TopologyBoundClientSupplier(datasets("parks.trees"));
        String digest = TopologyBoundClientSupplier.digest(datasets("parks.trees"));

        Map<String, Object> bound = supplier.boundToTopology(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "standardizer",
                ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "standardizer-pod-0-1"));
        assertThat(bound).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "standardizer-pod-0-1-" + digest)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "standardizer");

        Map<String, Object> dynamic = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "standardizer");
        assertThat(supplier.boundToTopology(dynamic)).isSameAs(dynamic);
    }

    @Test
    void onlyThisInstancesMembersOfOtherTopologiesCountAsEarlier() {
        TopologyBoundClientSupplier supplier = new TopologyBoundClientSupplier(datasets("parks.trees"));
        String own = TopologyBoundClientSupplier.digest(datasets("parks.trees"));
        String other = TopologyBoundClientSupplier.digest(datasets("parks.benches", "parks.trees"));
        var earlier = supplier.earlierTopologies("pod-0-1");

        assertThat(earlier.matcher("pod-0-1-" + other).matches()).isTrue();
        assertThat(earlier.matcher("pod-0-1-" + own).matches()).as("the member about to join").isFalse();
        assertThat(earlier.matcher("pod-0-1").matches()).as("a member from before digests").isTrue();
        assertThat(earlier.matcher("pod-0-10-" + other).matches()).as("another thread").isFalse();
        assertThat(earlier.matcher("pod-0-1-1-" + other).matches()).as("an instance named pod-0-1-1").isFalse();
        assertThat(earlier.matcher("pod-1-1-" + other).matches()).as("another instance").isFalse();
        assertThat(supplier.earlierTopologies("pod.0-1").matcher("podX0-1-" + other).matches())
                .as("the id is literal").isFalse();
    }

    /** The broker is unreachable: removing earlier members gives up after its timeout and the start goes on. */
    @Test
    void theMainConsumerJoinsUnderTheBoundIdEvenWhenEarlierMembersCannotBeRemoved() {
        TopologyBoundClientSupplier supplier = new TopologyBoundClientSupplier(datasets("parks.trees"), Duration.ofMillis(500));
        long start = System.nanoTime();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                ConsumerConfig.GROUP_ID_CONFIG, "standardizer", ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "pod-0-1",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);

        try (Consumer<byte[], byte[]> main = supplier.getConsumer(config)) {
            assertThat(main.groupMetadata().groupInstanceId())
                    .contains("pod-0-1-" + TopologyBoundClientSupplier.digest(datasets("parks.trees")));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not held up by the admin client's close")
                .isLessThan(Duration.ofSeconds(30));
        try (Consumer<byte[], byte[]> restore = supplier.getRestoreConsumer(config)) {
            assertThat(restore.groupMetadata().groupInstanceId()).contains("pod-0-1");
        }
    }
}
