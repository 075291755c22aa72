package civic.exchange.registry.conformance;

import static civic.exchange.registry.conformance.Registry.assertError;
import static civic.exchange.registry.conformance.Registry.enc;
import static civic.exchange.registry.conformance.Registry.field;
import static civic.exchange.registry.conformance.Registry.get;
import static civic.exchange.registry.conformance.Registry.ok;
import static civic.exchange.registry.conformance.Registry.optional;
import static civic.exchange.registry.conformance.Registry.record;
import static civic.exchange.registry.conformance.Registry.register;
import static civic.exchange.registry.conformance.Registry.strings;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /schemas}: schemas by global id, the subjects and versions using an id, supported types, listing. */
@DisplayName("Schemas")
class SchemasIT {

    private static final String TICKET = record("Ticket", field("number", "long"));

    /** The id's unknown whatever the registry holds: larger than any id a registry hands out in practice. */
    private static final int UNKNOWN_ID = 2_000_000_001;

    @Test
    @DisplayName("GET /schemas/ids/{id} 'Get the schema string identified by the input ID': {\"schema\": ...}")
    void schemaById() {
        String subject = subject("by-id");
        int id = register(subject, TICKET);

        JsonNode byId = ok(get("/schemas/ids/" + id));

        assertThat(byId.get("schema").asText())
                .isEqualTo(ok(get("/subjects/" + enc(subject) + "/versions/1")).get("schema").asText());
        assertThat(byId.has("schemaType")).as("schemaType is omitted for AVRO").isFalse();
        assertThat(byId.fieldNames()).toIterable().isSubsetOf("schema", "schemaType", "references", "metadata", "ruleSet", "maxId", "guid");
    }

    @Test
    @DisplayName("GET /schemas/ids/{id}/schema returns the schema text itself")
    void rawSchemaById() {
        int id = register(subject("raw-by-id"), TICKET);

        Registry.Reply raw = get("/schemas/ids/" + id + "/schema");

        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(ok(get("/schemas/ids/" + id)).get("schema").asText());
    }

    @Test
    @DisplayName("'Error code 40403 indicates schema not found': Schema <id> not found")
    void unknownIdIs40403() {
        assertError(get("/schemas/ids/" + UNKNOWN_ID), 404, 40403, "Schema " + UNKNOWN_ID + " not found");
        assertError(get("/schemas/ids/" + UNKNOWN_ID + "/schema"), 404, 40403, null);
        assertError(get("/schemas/ids/" + UNKNOWN_ID + "/subjects"), 404, 40403, null);
        assertError(get("/schemas/ids/" + UNKNOWN_ID + "/versions"), 404, 40403, null);
    }

    @Test
    @DisplayName("GET /schemas/ids/{id}/subjects 'Get all the subjects associated with the input ID'")
    void subjectsOfAnId() {
        String a = subject("id-subjects-a");
        String b = subject("id-subjects-b");
        String schema = record(Registry.uniqueName("TicketShared"), field("number", "long"));
        int id = register(a, schema);
        register(b, schema);

        assertThat(strings(ok(get("/schemas/ids/" + id + "/subjects")))).containsExactlyInAnyOrder(a, b);
    }

    @Test
    @DisplayName("GET /schemas/ids/{id}/versions 'Get all the subject-version pairs associated with the input ID'")
    void versionsOfAnId() {
        String a = subject("id-versions-a");
        String b = subject("id-versions-b");
        String name = Registry.uniqueName("Other");
        register(a, record(name, field("x", "int")));
        register(a, record(name, field("x", "int"), optional("y")));
        int id = register(a, record(name, field("x", "int"), optional("y"), optional("z")));
        register(b, record(name, field("x", "int"), optional("y"), optional("z")));

        JsonNode pairs = ok(get("/schemas/ids/" + id + "/versions"));

        List<String> found = new ArrayList<>();
        for (JsonNode pair : pairs) {
            assertThat(pair.fieldNames()).toIterable().containsExactlyInAnyOrder("subject", "version");
            found.add(pair.get("subject").asText() + "@" + pair.get("version").asInt());
        }
        assertThat(found).containsExactlyInAnyOrder(a + "@3", b + "@1");
    }

    @Test
    @DisplayName("GET /schemas/types 'Get the schema types supported by this registry' includes AVRO")
    void schemaTypes() {
        assertThat(strings(ok(get("/schemas/types")))).contains("AVRO");
    }

    @Test
    @DisplayName("GET /schemas?subjectPrefix= lists the versions of the matching subjects")
    void listSchemasByPrefix() {
        String prefix = subject("listing-");
        int id = register(prefix + "one", TICKET);

        JsonNode listed = ok(get("/schemas?subjectPrefix=" + enc(prefix)));

        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("subject").asText()).isEqualTo(prefix + "one");
        assertThat(listed.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(listed.get(0).get("id").asInt()).isEqualTo(id);
        assertThat(listed.get(0).get("schema").isTextual()).isTrue();
    }
}
