package civic.exchange.registry.server;

import java.util.Map;
import java.util.Objects;

/**
 * Where the registry keeps its state, where it listens, and how it takes part in leader election.
 *
 * @param bootstrapServers Kafka bootstrap servers holding the schemas topic
 * @param host             address the HTTP server binds to
 * @param port             HTTP port; 0 picks a free one (see {@link SchemaRegistryServer#port()})
 * @param topic            compacted topic holding every schema and config record
 * @param kafkaOverrides   extra Kafka client properties (security, timeouts) applied to every client the registry creates
 * @param advertisedUrl    URL other instances forward writes to when this one leads; null derives it from host and port
 * @param leaderEligible   false: this instance never leads, it only serves reads and forwards writes (Confluent's
 *                         {@code leader.eligibility})
 * @param groupId          Kafka consumer group electing the leader, also the writers' transactional id; null derives
 *                         {@code schema-registry-<topic>}. Instances sharing a topic must share it.
 */
public record SchemaRegistryConfig(String bootstrapServers, String host, int port, String topic,
                                   Map<String, Object> kafkaOverrides, String advertisedUrl, boolean leaderEligible,
                                   String groupId) {

    public static final String DEFAULT_TOPIC = "_schemas";
    public static final String DEFAULT_HOST = "127.0.0.1";

    public SchemaRegistryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic;
        kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
        advertisedUrl = advertisedUrl == null || advertisedUrl.isBlank() ? null : stripSlash(advertisedUrl.trim());
        groupId = groupId == null || groupId.isBlank() ? null : groupId;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A leader-eligible instance with derived advertised URL and group. */
    public SchemaRegistryConfig(String bootstrapServers, String host, int port, String topic,
                                Map<String, Object> kafkaOverrides) {
        this(bootstrapServers, host, port, topic, kafkaOverrides, null, true, null);
    }

    /** Loopback only: the embedded use (tests, local bus) should not expose the registry to the network. */
    public static SchemaRegistryConfig of(String bootstrapServers, int port) {
        return new SchemaRegistryConfig(bootstrapServers, DEFAULT_HOST, port, DEFAULT_TOPIC, Map.of());
    }

    public SchemaRegistryConfig withTopic(String newTopic) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, newTopic, kafkaOverrides, advertisedUrl,
                leaderEligible, groupId);
    }

    public SchemaRegistryConfig withKafkaOverrides(Map<String, Object> overrides) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, topic, overrides, advertisedUrl, leaderEligible,
                groupId);
    }

    public SchemaRegistryConfig withAdvertisedUrl(String url) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, topic, kafkaOverrides, url, leaderEligible, groupId);
    }

    public SchemaRegistryConfig withLeaderEligible(boolean eligible) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, topic, kafkaOverrides, advertisedUrl, eligible,
                groupId);
    }

    public SchemaRegistryConfig withGroupId(String newGroupId) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, topic, kafkaOverrides, advertisedUrl,
                leaderEligible, newGroupId);
    }

    /** The election group and transactional id: one per schemas topic unless set. */
    public String effectiveGroupId() {
        return groupId != null ? groupId : "schema-registry-" + topic;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
