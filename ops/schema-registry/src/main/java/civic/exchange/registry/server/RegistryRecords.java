package civic.exchange.registry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * {"keytype":"CONFIG","magic":0}                          → {"compatibilityLevel":"BACKWARD"}       (global)
 * {"keytype":"CONFIG","subject":"s","magic":0}            → {"compatibilityLevel":"NONE"}
 * {"keytype":"MODE","subject":"s","magic":0}              → {"mode":"READONLY"}
 * {"keytype":"DELETE_SUBJECT","subject":"s","magic":0}    → {"subject":"s","version":3}             (written by Confluent)
 * </pre>
 * The key carries what compaction must keep apart (subject, version), and its bytes are exactly Confluent's (field
 * order, no {@code subject} for global records), so that a tombstone written here removes a record Confluent wrote.
 */
final class RegistryRecords {

    static final ObjectMapper JSON = new ObjectMapper();

    sealed interface Key permits SchemaKey, ConfigKey, ModeKey, DeleteSubjectKey, OtherKey {
        /** Writes the key's fields in Confluent's order. */
        void writeTo(ObjectNode node);
    }

    record SchemaKey(String subject, int version) implements Key {
        @Override
        public void writeTo(ObjectNode node) {
            node.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
        }
    }

    /** {@code subject == null} is the global config. */
    record ConfigKey(String subject) implements Key {
        @Override
        public void writeTo(ObjectNode node) {
            subjectKey(node, "CONFIG", subject);
        }
    }

    /** {@code subject == null} is the global mode. */
    record ModeKey(String subject) implements Key {
        @Override
        public void writeTo(ObjectNode node) {
            subjectKey(node, "MODE", subject);
        }
    }

    /** Confluent's soft delete of a whole subject: every version up to the value's {@code version} is deleted. */
    record DeleteSubjectKey(String subject) implements Key {
        @Override
        public void writeTo(ObjectNode node) {
            subjectKey(node, "DELETE_SUBJECT", subject);
        }
    }

    /** Key types this registry does not act on (NOOP, CLEAR_SUBJECT, CONTEXT, ...). */
    record OtherKey(String keytype) implements Key {
        @Override
        public void writeTo(ObjectNode node) {
            node.put("keytype", keytype).put("magic", 0);
        }
    }

    /** A Confluent DELETE_SUBJECT value. */
    record DeleteSubject(String subject, int version) {
    }

    private RegistryRecords() {
    }

    static byte[] encodeKey(Key key) {
        ObjectNode node = JSON.createObjectNode();
        key.writeTo(node);
        return bytes(node);
    }

    /** Confluent serializes subject keys with {@code NON_EMPTY}: a global record has no subject field at all. */
    private static void subjectKey(ObjectNode node, String keytype, String subject) {
        node.put("keytype", keytype);
        if (subject != null && !subject.isEmpty()) {
            node.put("subject", subject);
        }
        node.put("magic", 0);
    }

    static Key decodeKey(byte[] bytes) {
        JsonNode node = tree(bytes);
        String keytype = node.path("keytype").asText("");
        return switch (keytype) {
            case "SCHEMA" -> new SchemaKey(node.path("subject").asText(), node.path("version").asInt());
            case "CONFIG" -> new ConfigKey(subjectOrNull(node));
            case "MODE" -> new ModeKey(subjectOrNull(node));
            case "DELETE_SUBJECT" -> new DeleteSubjectKey(subjectOrNull(node));
            default -> new OtherKey(keytype);
        };
    }

    /** Older Confluent versions wrote {@code "subject":null} for global records, newer ones leave it out. */
    private static String subjectOrNull(JsonNode node) {
        JsonNode subject = node.get("subject");
        return subject == null || !subject.isTextual() || subject.asText().isEmpty() ? null : subject.asText();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
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
        String type = node.path("schemaType").asText(AvroSchemas.TYPE);
        if (!AvroSchemas.TYPE.equalsIgnoreCase(type)) {
            // A PROTOBUF or JSON schema written by another registry: this one cannot parse or check it.
            throw new IllegalArgumentException("schema type " + type + " is not supported");
        }
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

    static byte[] encodeMode(Mode mode) {
        return bytes(JSON.createObjectNode().put("mode", mode.name()));
    }

    /** @return null for a tombstone or a mode this registry does not know */
    static Mode decodeMode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return Mode.parse(tree(bytes).path("mode").asText(null)).orElse(null);
    }

    /** @return null for a tombstone */
    static DeleteSubject decodeDeleteSubject(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode node = tree(bytes);
        return new DeleteSubject(node.path("subject").asText(), node.path("version").asInt());
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
