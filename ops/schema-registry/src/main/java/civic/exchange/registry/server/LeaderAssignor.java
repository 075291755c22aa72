package civic.exchange.registry.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The assignment strategy of the registry's election group (see {@link LeaderElector}); public only because Kafka
 * instantiates it by class name. Each member's subscription carries {@code {"url","eligible","leader"}}; the
 * assignment gives the schemas topic's partition to the leader and {@code {"url": leader}} to every member.
 */
public final class LeaderAssignor implements ConsumerPartitionAssignor, Configurable {

    static final String NAME = "civic-schema-registry-leader";

    private LeaderElector elector;

    public LeaderAssignor() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(LeaderElector.ELECTOR_CONFIG) instanceof LeaderElector configured)) {
            throw new IllegalArgumentException(LeaderAssignor.class.getName() + " is the registry's election strategy; "
                    + "it needs " + LeaderElector.ELECTOR_CONFIG);
        }
        this.elector = configured;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.wrap(elector.memberInfo());
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Map<String, JsonNode> members = new TreeMap<>();
        String topic = null;
        for (Map.Entry<String, Subscription> member : subscriptions.entrySet()) {
            members.put(member.getKey(), decode(member.getValue().userData()));
            if (topic == null && !member.getValue().topics().isEmpty()) {
                topic = member.getValue().topics().stream().sorted().findFirst().orElseThrow();
            }
        }
        String leader = chooseLeader(members);
        ObjectNode leaderInfo = RegistryRecords.JSON.createObjectNode();
        if (leader != null) {
            leaderInfo.put("url", members.get(leader).path("url").asText());
        }
        ByteBuffer userData = ByteBuffer.wrap(leaderInfo.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Assignment> assignments = new HashMap<>();
        for (String member : members.keySet()) {
            List<TopicPartition> partitions = new ArrayList<>();
            if (member.equals(leader) && topic != null) {
                partitions.add(new TopicPartition(topic, 0));
            }
            assignments.put(member, new Assignment(partitions, userData.duplicate()));
        }
        return new GroupAssignment(assignments);
    }

    /**
     * The member that led the previous generation keeps leading if it is still eligible (a joining instance does not
     * move leadership); otherwise the first eligible member in member-id order. Null when no member is eligible.
     */
    static String chooseLeader(Map<String, JsonNode> membersById) {
        String firstEligible = null;
        for (Map.Entry<String, JsonNode> member : new TreeMap<>(membersById).entrySet()) {
            JsonNode info = member.getValue();
            if (!info.path("eligible").asBoolean(false) || !info.path("url").isTextual()) {
                continue;
            }
            if (info.path("leader").asBoolean(false)) {
                return member.getKey();
            }
            if (firstEligible == null) {
                firstEligible = member.getKey();
            }
        }
        return firstEligible;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        elector.onAssignment(decode(assignment.userData()), metadata.generationId());
    }

    /** Unreadable or missing user data (a foreign member) counts as an ineligible member. */
    static JsonNode decode(ByteBuffer buffer) {
        if (buffer == null || !buffer.hasRemaining()) {
            return RegistryRecords.JSON.createObjectNode();
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        try {
            JsonNode node = RegistryRecords.JSON.readTree(bytes);
            return node != null && node.isObject() ? node : RegistryRecords.JSON.createObjectNode();
        } catch (IOException e) {
            return RegistryRecords.JSON.createObjectNode();
        }
    }
}
