package civic.exchange.registry;

import civic.exchange.topics.CanonicalEntity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The canonical schema of each canonical topic, and the provisioning step that registers them.
 * Outside the local bus, serializers run with {@code auto.register.schemas=false}: subjects exist
 * because this step (run by operators, or by the local bus at start) registered them, so a service
 * can never publish a schema nobody reviewed.
 */
public final class CanonicalSchemas {

    private static final Map<String, Schema> BY_TOPIC = new LinkedHashMap<>();

    static {
        for (CanonicalEntity entity : CanonicalEntity.values()) {
            BY_TOPIC.put(entity.topic(), entity.schema());
        }
    }

    private CanonicalSchemas() {
    }

    public static Map<String, Schema> byTopic() {
        return Map.copyOf(BY_TOPIC);
    }

    /** TopicNameStrategy subject of a topic's values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /**
     * The provisioning step against the registry at {@code url}: registers every canonical value
     * schema, waiting up to {@code patience} for the registry to answer; returns subject → schema id.
     */
    public static Map<String, Integer> register(String url, Duration patience) {
        try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(url, patience)) {
            return register(registry);
        }
    }

    /** Registers every canonical value schema (idempotent); returns subject → schema id. */
    public static Map<String, Integer> register(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        BY_TOPIC.forEach((topic, schema) -> ids.put(valueSubject(topic), registry.register(valueSubject(topic), schema)));
        return ids;
    }
}
