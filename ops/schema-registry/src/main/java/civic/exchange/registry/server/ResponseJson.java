package civic.exchange.registry.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON bodies of Confluent's answers, field for field, since clients parse them by name. */
final class ResponseJson {

    private ResponseJson() {
    }

    /** {@code schemaType} is left out for AVRO, as Confluent does, so that older clients read the answer. */
    static ObjectNode schema(SchemaVersion version) {
        ObjectNode node = RegistryRecords.JSON.createObjectNode().put("schema", version.schema());
        addReferences(node, version);
        return node;
    }

    static ObjectNode version(SchemaVersion version) {
        ObjectNode node = RegistryRecords.JSON.createObjectNode().put("subject", version.subject())
                .put("version", version.version()).put("id", version.id());
        addReferences(node, version);
        node.put("schema", version.schema());
        return node;
    }

    static ObjectNode level(CompatibilityLevel level) {
        return RegistryRecords.JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    static ObjectNode mode(Mode mode) {
        return RegistryRecords.JSON.createObjectNode().put("mode", mode.name());
    }

    static ObjectNode error(int code, String message) {
        return RegistryRecords.JSON.createObjectNode().put("error_code", code).put("message", message);
    }

    private static void addReferences(ObjectNode node, SchemaVersion version) {
        if (!version.references().isEmpty()) {
            node.set("references", RegistryRecords.referencesJson(version.references()));
        }
    }
}
