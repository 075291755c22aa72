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
import static civic.exchange.registry.conformance.Registry.setLevel;
import static civic.exchange.registry.conformance.Registry.strings;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code POST /subjects/{subject}/versions}: registration, ids, versions and the stored (canonical) schema text. */
@DisplayName("Register schema under a subject")
class RegistrationIT {

    private static final String POINT = record("Point", field("x", "int"));
    private static final String POINT_V2 = record("Point", field("x", "int"), optional("label"));

    private static String versions(String subject) {
        return "/subjects/" + enc(subject) + "/versions";
    }

    @Test
    @DisplayName("'If successfully registered, this returns the unique identifier of this schema': {\"id\": <int>}")
    void registrationAnswersTheId() {
        JsonNode answer = ok(post(versions(subject("register")), body(POINT)));

        assertThat(answer.get("id").isInt()).as("id is an integer: %s", answer).isTrue();
        assertThat(answer.get("id").asInt()).isPositive();
        assertThat(answer.fieldNames()).toIterable().as("no foreign fields").isSubsetOf(Registry.SCHEMA_ENTITY_FIELDS);
    }

    @Test
    @DisplayName("Registering the same schema under the same subject again returns the same id and no new version")
    void registrationIsIdempotent() {
        String subject = subject("idempotent");
        int first = register(subject, POINT);

        assertThat(register(subject, POINT)).isEqualTo(first);
        assertThat(ints(ok(get(versions(subject))))).containsExactly(1);
    }

    @Test
    @DisplayName("'If the same schema is registered under a different subject, the same identifier will be returned'")
    void sameSchemaUnderAnotherSubjectHasTheSameId() {
        int id = register(subject("shared-a"), POINT);
        int other = register(subject("shared-b"), POINT);

        assertThat(other).isEqualTo(id);
        JsonNode latest = ok(get(versions(subject("shared-b")) + "/latest"));
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
    }

    @Test
    @DisplayName("Whitespace and JSON key order do not make a new schema: same id, no new version")
    void formattingDoesNotMintANewId() {
        String subject = subject("formatting");
        int id = register(subject, POINT);
        String reformatted = """
                {
                  "fields" : [ { "type" : "int", "name" : "x" } ],
                  "namespace" : "civic.conformance",
                  "name" : "Point",
                  "type" : "record"
                }
                """;

        assertThat(register(subject, reformatted)).isEqualTo(id);
        assertThat(ints(ok(get(versions(subject))))).containsExactly(1);
    }

    @Test
    @DisplayName("The stored schema is Avro's canonical text (Schema.toString()), whatever formatting was sent")
    void storedTextIsTheCanonicalForm() {
        String subject = subject("canonical");
        register(subject, """
                {
                  "doc" : "A point",
                  "fields" : [
                    { "type" : "int", "name" : "x" },
                    { "default" : "none", "doc" : "shown", "type" : "string", "name" : "label" }
                  ],
                  "name" : "Point",
                  "type" : "record",
                  "namespace" : "civic.conformance"
                }
                """);

        String canonical = "{\"type\":\"record\",\"name\":\"Point\",\"namespace\":\"civic.conformance\",\"doc\":\"A point\","
                + "\"fields\":[{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"label\",\"type\":\"string\",\"doc\":\"shown\","
                + "\"default\":\"none\"}]}";
        assertThat(ok(get(versions(subject) + "/1")).get("schema").asText()).isEqualTo(canonical);
        assertThat(get(versions(subject) + "/1/schema").body()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"string", "int", "long", "boolean", "bytes", "double"})
    @DisplayName("A primitive schema sent as {\"type\":\"<t>\"} is stored as the bare \"<t>\", with the id of \"<t>\"")
    void primitiveSchemasAreStoredInShortForm(String type) {
        String subject = subject("primitive-" + type);
        int id = register(subject, "{\"type\":\"" + type + "\"}");

        assertThat(ok(get(versions(subject) + "/1")).get("schema").asText()).isEqualTo("\"" + type + "\"");
        assertThat(ok(get("/schemas/ids/" + id)).get("schema").asText()).isEqualTo("\"" + type + "\"");
        assertThat(register(subject, "\"" + type + "\"")).isEqualTo(id);
        assertThat(ints(ok(get(versions(subject))))).containsExactly(1);
    }

    @Test
    @DisplayName("A compatible change becomes the next version, with a new id")
    void compatibleChangeIsTheNextVersion() {
        String subject = subject("evolving");
        setLevel(subject, "BACKWARD");
        int first = register(subject, POINT);
        int second = register(subject, POINT_V2);

        assertThat(second).isNotEqualTo(first);
        assertThat(ints(ok(get(versions(subject))))).containsExactly(1, 2);
        assertThat(ok(get(versions(subject) + "/1")).get("id").asInt()).isEqualTo(first);
        assertThat(ok(get(versions(subject) + "/latest")).get("id").asInt()).isEqualTo(second);
    }

    @Test
    @DisplayName("'409 Conflict. Incompatible schema': error_code 409 (40901 in newer Confluent versions)")
    void incompatibleSchemaIs409() {
        String subject = subject("incompatible");
        setLevel(subject, "BACKWARD");
        register(subject, POINT);

        Registry.Reply reply = post(versions(subject), body(record("Point", field("x", "int"), field("floors", "int"))));

        assertThat(reply.status()).as(reply.body()).isEqualTo(409);
        assertThat(reply.json().get("error_code").asInt()).isIn(409, 40901);
        assertThat(reply.json().get("message").asText()).contains("incompatible");
        assertThat(ints(ok(get(versions(subject))))).containsExactly(1);
    }

    @Test
    @DisplayName("'Error code 42201 indicates an invalid schema': unparseable schema")
    void invalidSchemaIs42201() {
        String subject = subject("invalid");

        assertError(post(versions(subject), body(record("Broken", field("a", "no.such.Type")))), 422, 42201, null);
        assertError(post(versions(subject), body("{\"type\":\"record\",")), 422, 42201, null);
        assertError(get(versions(subject)), 404, 40401, null);
    }

    @Test
    @DisplayName("'Error code 42201 indicates an invalid schema or schema type': a type the registry does not list")
    void unsupportedSchemaTypeIs42201() {
        assumeFalse(strings(ok(get("/schemas/types"))).contains("PROTOBUF"), "the registry supports PROTOBUF");

        assertError(post(versions(subject("protobuf")),
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\"; message M { string a = 1; }\"}"),
                422, 42201, null);
    }
}
