package civic.exchange.registry.server;

import com.fasterxml.jackson.databind.JsonNode;

/** Confluent's request bodies read into the registry's terms, with Confluent's errors for what does not fit. */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body of a registration, a lookup and a compatibility test. Fields the registry does not use
     * ({@code metadata}, {@code ruleSet}) are ignored rather than refused, so that newer clients still register.
     */
    static SchemaRegistry.RegisterRequest registerRequest(RestRequest r) {
        JsonNode body = r.jsonBody();
        JsonNode schema = body.get("schema");
        if (schema != null && !schema.isTextual() && !schema.isNull()) {
            throw RegistryException.invalidSchema("Invalid schema: \"schema\" must be a string holding the schema's JSON");
        }
        JsonNode type = body.get("schemaType");
        return new SchemaRegistry.RegisterRequest(schema == null || schema.isNull() ? null : schema.asText(),
                type == null || type.isNull() ? null : type.asText(), RegistryRecords.references(body.get("references")),
                intOrNull(body.get("id")), intOrNull(body.get("version")));
    }

    /** {@code {"compatibility": "FULL"}}: an unknown or missing level is Confluent's 42203. */
    static CompatibilityLevel compatibilityLevel(RestRequest r) {
        return CompatibilityLevel.parse(r.jsonBody().path("compatibility").asText(null))
                .orElseThrow(RegistryException::invalidCompatibilityLevel);
    }

    /** {@code {"mode": "READONLY"}}, as sent: the registry decides what it accepts. */
    static String mode(RestRequest r) {
        return r.jsonBody().path("mode").asText(null);
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || !node.canConvertToInt() ? null : node.asInt();
    }
}
