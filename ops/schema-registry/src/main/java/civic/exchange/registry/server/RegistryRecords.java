package civic.exchange.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keys and values of the schemas topic, in Confluent's JSON layout, so that the topic could be read by a
 * Confluent registry and vice versa:
 * <pre>
 * {"keytype":"SCHEMA","subject":"s","version":1,"magic":1} → {"subject":"s","version":1,"id":1,"schema":"...","deleted":false}
 * {"keytype":"CONFIG","subject":null,"magic":0}           → {"compatibilityLevel":"BACKWARD"}
 * </pre>
 * The key carries subject and version so that compaction keeps the last record of each.
 */
final class RegistryRecords {

    static final ObjectMapper JSON = new ObjectMapper();

    sealed interface Key permits SchemaKey, ConfigKey, OtherKey {
    }

    record SchemaKey(String subject, int version) implements Key {
    }

    /** {@code subject == null} is the global config. */
    record ConfigKey(String subject) implements Key {
    }

    /** Key types this registry does not act on yet (NOOP, DELETE_SUBJECT, CLEAR_SUBJECT, MODE, ...). */
    record OtherKey(String keytype) implements Key {
    }

    private RegistryRecords() {
    }

    static byte[] encodeKey(Key key) {
        ObjectNode node = JSON.createObjectNode();
        if (key instanceof SchemaKey k) {
            node.put("keytype", "SCHEMA").put("subject", k.subject()).put("version", k.version()).put("magic", 1);
        } else if (key instanceof ConfigKey k) {
            node.put("keytype", "CONFIG").put("subject", k.subject()).put("magic", 0);
        } else {
            node.put("keytype", ((OtherKey) key).keytype()).put("magic", 0);
        }
        return bytes(node);
    }

    static Key decodeKey(byte[] bytes) {
        JsonNode node = tree(bytes);
        String keytype = node.path("keytype").asText("");
        return switch (keytype) {
            case "SCHEMA" -> new SchemaKey(node.path("subject").asText(), node.path("version").asInt());
            case "CONFIG" -> new ConfigKey(node.path("subject").isTextual() ? node.get("subject").asText() : null);
            default -> new OtherKey(keytype);
        };
    }

    static byte[] encodeSchema(SchemaVersion version) {
        ObjectNode node = JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema())
                .put("deleted", version.deleted());
        if (!version.references().isEmpty()) {
            node.set("references", referencesJson(version.references()));
        }
        return bytes(node);
    }

    /** @return null for a tombstone (a hard-deleted version) */
    static SchemaVersion decodeSchema(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode node = tree(bytes);
        return new SchemaVersion(node.path("subject").asText(), node.path("version").asInt(), node.path("id").asInt(),
                node.path("schema").asText(), references(node.path("references")), node.path("deleted").asBoolean(false));
    }

    static byte[] encodeConfig(CompatibilityLevel level) {
        return bytes(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    }

    /** @return null for a tombstone or a level this registry does not know (treated as "not configured") */
    static CompatibilityLevel decodeConfig(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return CompatibilityLevel.parse(tree(bytes).path("compatibilityLevel").asText(null)).orElse(null);
    }

    static ArrayNode referencesJson(List<SchemaReference> references) {
        ArrayNode array = JSON.createArrayNode();
        for (SchemaReference reference : references) {
            array.addObject().put("name", reference.name()).put("subject", reference.subject())
                    .put("version", reference.version());
        }
        return array;
    }

    static List<SchemaReference> references(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<SchemaReference> references = new ArrayList<>();
        for (JsonNode reference : array) {
            references.add(new SchemaReference(reference.path("name").asText(null), reference.path("subject").asText(null),
                    reference.path("version").asInt(0)));
        }
        return references;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
