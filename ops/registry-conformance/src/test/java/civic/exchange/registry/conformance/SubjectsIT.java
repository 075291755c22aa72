package civic.exchange.registry.conformance;

import static civic.exchange.registry.conformance.Registry.assertError;
import static civic.exchange.registry.conformance.Registry.body;
import static civic.exchange.registry.conformance.Registry.enc;
import static civic.exchange.registry.conformance.Registry.field;
import static civic.exchange.registry.conformance.Registry.get;
import static civic.exchange.registry.conformance.Registry.ints;
import static civic.exchange.registry.conformance.Registry.ok;
import static civic.exchange.registry.conformance.Registry.optional;
import static civic.exchange.registry.conformance.Registry.post;
import static civic.exchange.registry.conformance.Registry.record;
import static civic.exchange.registry.conformance.Registry.register;
import static civic.exchange.registry.conformance.Registry.strings;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /subjects}: listing subjects and versions, reading a version, looking a schema up under a subject. */
@DisplayName("Subjects")
class SubjectsIT {

    private static final String ITEM = record("Item", field("sku", "string"));
    private static final String ITEM_V2 = record("Item", field("sku", "string"), optional("label"));

    private static String path(String subject) {
        return "/subjects/" + enc(subject);
    }

    @Test
    @DisplayName("GET /subjects 'Get a list of registered subjects'")
    void listSubjects() {
        String subject = subject("listed");
        register(subject, ITEM);

        assertThat(strings(ok(get("/subjects")))).contains(subject);
    }

    @Test
    @DisplayName("GET /subjects?subjectPrefix= lists only the subjects starting with the prefix")
    void listSubjectsByPrefix() {
        String prefix = subject("prefix-");
        register(prefix + "a", ITEM);
        register(prefix + "b", ITEM);

        assertThat(strings(ok(get("/subjects?subjectPrefix=" + enc(prefix))))).containsExactlyInAnyOrder(prefix + "a", prefix + "b");
    }

    @Test
    @DisplayName("GET /subjects/{subject}/versions 'Get a list of versions registered under the specified subject'")
    void listVersions() {
        String subject = subject("versions");
        register(subject, ITEM);
        register(subject, ITEM_V2);

        assertThat(ints(ok(get(path(subject) + "/versions")))).containsExactly(1, 2);
    }

    @Test
    @DisplayName("GET /subjects/{subject}/versions/{version}: subject, version, id, schema; no schemaType for AVRO")
    void versionFields() {
        String subject = subject("fields");
        int id = register(subject, ITEM);

        JsonNode version = ok(get(path(subject) + "/versions/1"));

        assertThat(version.get("subject").asText()).isEqualTo(subject);
        assertThat(version.get("version").asInt()).isEqualTo(1);
        assertThat(version.get("id").asInt()).isEqualTo(id);
        assertThat(version.get("schema").isTextual()).isTrue();
        assertThat(version.has("schemaType")).as("schemaType is omitted for AVRO").isFalse();
        assertThat(version.has("references")).as("no references array without references").isFalse();
        assertThat(version.fieldNames()).toIterable().isSubsetOf(Registry.SCHEMA_ENTITY_FIELDS);
    }

    @Test
    @DisplayName("'latest' (and -1) 'returns the last registered schema under the specified subject'")
    void latestVersion() {
        String subject = subject("latest");
        register(subject, ITEM);
        int second = register(subject, ITEM_V2);

        JsonNode latest = ok(get(path(subject) + "/versions/latest"));

        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("id").asInt()).isEqualTo(second);
        assertThat(ok(get(path(subject) + "/versions/-1"))).isEqualTo(latest);
    }

    @Test
    @DisplayName("GET /subjects/{subject}/versions/{version}/schema 'Get the schema ... Only the unescaped schema string'")
    void rawSchemaOfAVersion() {
        String subject = subject("raw");
        register(subject, ITEM);

        Registry.Reply raw = get(path(subject) + "/versions/1/schema");

        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(ok(get(path(subject) + "/versions/1")).get("schema").asText());
        assertThat(raw.json().get("name").asText()).isEqualTo("Item");
    }

    @Test
    @DisplayName("'Error code 40401 indicates subject not found': Subject '<s>' not found.")
    void unknownSubjectIs40401() {
        String subject = subject("nobody");
        String message = "Subject '" + subject + "' not found.";

        assertError(get(path(subject) + "/versions"), 404, 40401, message);
        assertError(get(path(subject) + "/versions/1"), 404, 40401, message);
        assertError(get(path(subject) + "/versions/latest"), 404, 40401, message);
    }

    @Test
    @DisplayName("'Error code 40402 indicates version not found': Version <n> not found.")
    void unknownVersionIs40402() {
        String subject = subject("short");
        register(subject, ITEM);

        assertError(get(path(subject) + "/versions/5"), 404, 40402, "Version 5 not found.");
    }

    @ParameterizedTest(name = "version ''{0}''")
    @ValueSource(strings = {"abc", "0", "-2", "2147483648"})
    @DisplayName("'Error code 42202 indicates an invalid version'")
    void invalidVersionIs42202(String version) {
        String subject = subject("invalid-version");
        register(subject, ITEM);

        assertError(get(path(subject) + "/versions/" + version), 422, 42202, null);
    }

    @Test
    @DisplayName("POST /subjects/{subject} 'Check if a schema has already been registered under the specified subject'")
    void lookupUnderSubject() {
        String subject = subject("lookup");
        int id = register(subject, ITEM);

        JsonNode found = ok(post(path(subject), body(ITEM)));

        assertThat(found.get("subject").asText()).isEqualTo(subject);
        assertThat(found.get("version").asInt()).isEqualTo(1);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("schema").asText()).isEqualTo(ok(get(path(subject) + "/versions/1")).get("schema").asText());
        assertThat(found.fieldNames()).toIterable().isSubsetOf(Registry.SCHEMA_ENTITY_FIELDS);
    }

    @Test
    @DisplayName("POST /subjects/{subject} finds a schema sent with other formatting")
    void lookupIgnoresFormatting() {
        String subject = subject("lookup-format");
        int id = register(subject, ITEM);

        JsonNode found = ok(post(path(subject), body("{ \"fields\": [ {\"type\": \"string\", \"name\": \"sku\"} ],"
                + " \"name\": \"Item\", \"namespace\": \"civic.conformance\", \"type\": \"record\" }")));

        assertThat(found.get("id").asInt()).isEqualTo(id);
    }

    @Test
    @DisplayName("POST /subjects/{subject}: 'Error code 40403 indicates schema not found', 40401 subject not found")
    void lookupMisses() {
        String subject = subject("lookup-miss");
        register(subject, ITEM);

        assertError(post(path(subject), body(ITEM_V2)), 404, 40403, "Schema not found");
        String nobody = subject("lookup-nobody");
        assertError(post(path(nobody), body(ITEM)), 404, 40401, "Subject '" + nobody + "' not found.");
    }
}
