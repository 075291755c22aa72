package civic.exchange.standardizer.redrive;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Where consumer groups are: the re-driver's progress, one group per dataset and error code. */
@FunctionalInterface
public interface CommittedOffsets {

    /**
     * The committed offsets of each group on the partitions; a partition the group never committed
     * is absent. Must not return offsets of transactions still in flight (Kafka: {@code requireStable}).
     */
    Map<String, Map<TopicPartition, Long>> of(Collection<String> groups, Collection<TopicPartition> partitions);
}
