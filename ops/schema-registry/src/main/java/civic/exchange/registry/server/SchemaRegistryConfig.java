package civic.exchange.registry.server;

import java.util.Map;
import java.util.Objects;

/**
 * Where the registry keeps its state and where it listens.
 *
 * @param bootstrapServers Kafka bootstrap servers holding the schemas topic
 * @param host             address the HTTP server binds to
 * @param port             HTTP port; 0 picks a free one (see {@link SchemaRegistryServer#port()})
 * @param topic            compacted topic holding every schema and config record
 * @param kafkaOverrides   extra Kafka client properties (security, timeouts) applied to every client the registry creates
 */
public record SchemaRegistryConfig(String bootstrapServers, String host, int port, String topic,
                                   Map<String, Object> kafkaOverrides) {

    public static final String DEFAULT_TOPIC = "_schemas";
    public static final String DEFAULT_HOST = "127.0.0.1";

    public SchemaRegistryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        topic = topic == null || topic.isBlank() ? DEFAULT_TOPIC : topic;
        kafkaOverrides = kafkaOverrides == null ? Map.of() : Map.copyOf(kafkaOverrides);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Loopback only: the embedded use (tests, local bus) should not expose the registry to the network. */
    public static SchemaRegistryConfig of(String bootstrapServers, int port) {
        return new SchemaRegistryConfig(bootstrapServers, DEFAULT_HOST, port, DEFAULT_TOPIC, Map.of());
    }

    public SchemaRegistryConfig withTopic(String newTopic) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, newTopic, kafkaOverrides);
    }
}
