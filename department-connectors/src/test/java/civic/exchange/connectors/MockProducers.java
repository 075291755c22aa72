package civic.exchange.connectors;

import civic.exchange.headers.CsvHeaderRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Mock producers that know the raw topics' partitions, as a real producer learns them from the broker. */
public final class MockProducers {

    /** As provisioning creates raw topics. */
    public static final int PARTITIONS = 3;

    private MockProducers() {
    }

    /** A cluster of one broker with these topics, {@value #PARTITIONS} partitions each. */
    public static Cluster cluster(String... topics) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}));
            }
        }
        return new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
    }

    /** An auto-completing mock producer that knows these topics. */
    public static MockProducer<byte[], byte[]> withTopics(String... topics) {
        return new MockProducer<>(cluster(topics), true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The records written, without CSV header records: the dataset's records. */
    public static List<ProducerRecord<byte[], byte[]>> dataRecords(List<ProducerRecord<byte[], byte[]>> written) {
        return written.stream().filter(r -> !CsvHeaderRecords.isHeaderRecord(r.headers())).toList();
    }

    /** The CSV header records written. */
    public static List<ProducerRecord<byte[], byte[]>> headerRecords(List<ProducerRecord<byte[], byte[]>> written) {
        return written.stream().filter(r -> CsvHeaderRecords.isHeaderRecord(r.headers())).toList();
    }
}
