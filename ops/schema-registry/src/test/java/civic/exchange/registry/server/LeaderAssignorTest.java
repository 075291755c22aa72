package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The election rule: one eligible leader, kept across rebalances, announced to every member. */
class LeaderAssignorTest {

    private static JsonNode member(String url, boolean eligible, boolean leader) {
        return RegistryRecords.JSON.createObjectNode().put("url", url).put("eligible", eligible).put("leader", leader);
    }

    private static Subscription subscription(JsonNode info) {
        return new Subscription(List.of("_schemas"), ByteBuffer.wrap(info.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void firstEligibleMemberLeadsWhenNobodyLedBefore() {
        assertThat(LeaderAssignor.chooseLeader(Map.of(
                "m-2", member("http://b", true, false),
                "m-1", member("http://a", false, false),
                "m-3", member("http://c", true, false)))).isEqualTo("m-2");
    }

    @Test
    void theCurrentLeaderKeepsLeadingWhenAnotherInstanceJoins() {
        assertThat(LeaderAssignor.chooseLeader(Map.of(
                "m-1", member("http://a", true, false),
                "m-9", member("http://z", true, true)))).isEqualTo("m-9");
    }

    @Test
    void anIneligibleFormerLeaderDoesNotLead() {
        assertThat(LeaderAssignor.chooseLeader(Map.of(
                "m-1", member("http://a", false, true),
                "m-2", member("http://b", true, false)))).isEqualTo("m-2");
    }

    @Test
    void noEligibleMemberMeansNoLeader() {
        assertThat(LeaderAssignor.chooseLeader(Map.of("m-1", member("http://a", false, false)))).isNull();
        assertThat(LeaderAssignor.chooseLeader(Map.of("m-1", LeaderAssignor.decode(null)))).isNull();
        assertThat(LeaderAssignor.decode(ByteBuffer.wrap("not json".getBytes(StandardCharsets.UTF_8))).isEmpty()).isTrue();
    }

    @Test
    void onlyTheLeaderGetsThePartitionAndEveryoneLearnsItsUrl() {
        LeaderAssignor assignor = new LeaderAssignor();

        Map<String, Assignment> assignments = assignor.assign(Cluster.empty(), new GroupSubscription(Map.of(
                "m-1", subscription(member("http://a:8081", true, false)),
                "m-2", subscription(member("http://b:8081", true, false))))).groupAssignment();

        assertThat(assignments.get("m-1").partitions()).containsExactly(new TopicPartition("_schemas", 0));
        assertThat(assignments.get("m-2").partitions()).isEmpty();
        assertThat(LeaderAssignor.decode(assignments.get("m-1").userData()).path("url").asText()).isEqualTo("http://a:8081");
        assertThat(LeaderAssignor.decode(assignments.get("m-2").userData()).path("url").asText()).isEqualTo("http://a:8081");
    }
}
