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
 *
 * <p>Every canonical subject is set to {@link #COMPATIBILITY} ({@code FULL_TRANSITIVE}) before its
 * schema is registered: any version must be readable by readers of every earlier version and the
 * reverse, so subscribers and producers upgrade in any order and replays of old records still read.
 * A changed schema that breaks this is refused by the registry (409) when provisioning registers it,
 * the same rule {@code schemas}' tests check against the released versions.
 */
public final class CanonicalSchemas {

    /** The compatibility level of every canonical subject. */
    public static final String COMPATIBILITY = "FULL_TRANSITIVE";

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
     * The provisioning step against the registry at {@code url}: sets every canonical subject to
     * {@link #COMPATIBILITY} and registers its value schema, waiting up to {@code patience} for the
     * registry to answer; returns subject → schema id.
     */
    public static Map<String, Integer> register(String url, Duration patience) {
        try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(url, patience)) {
            return register(registry);
        }
    }

    /**
     * Sets every canonical subject to {@link #COMPATIBILITY} (where it is not already) and registers
     * its value schema, checked against that level (idempotent); returns subject → schema id.
     */
    public static Map<String, Integer> register(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        BY_TOPIC.forEach((topic, schema) -> {
            String subject = valueSubject(topic);
            if (!registry.compatibility(subject).map(COMPATIBILITY::equals).orElse(false)) {
                registry.setCompatibility(subject, COMPATIBILITY);
            }
            ids.put(subject, registry.register(subject, schema));
        });
        return ids;
    }
}
