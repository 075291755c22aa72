package civic.exchange.registry.conformance;

import static civic.exchange.registry.conformance.Registry.assertError;
import static civic.exchange.registry.conformance.Registry.body;
import static civic.exchange.registry.conformance.Registry.delete;
import static civic.exchange.registry.conformance.Registry.enc;
import static civic.exchange.registry.conformance.Registry.get;
import static civic.exchange.registry.conformance.Registry.ints;
import static civic.exchange.registry.conformance.Registry.ok;
import static civic.exchange.registry.conformance.Registry.post;
import static civic.exchange.registry.conformance.Registry.register;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Schema references ("Schema references" in the API reference): a schema using a named type of another subject. */
@DisplayName("Schema references")
class ReferencesIT {

    private static final String ADDRESS = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"civic.conformance\","
            + "\"fields\":[{\"name\":\"street\",\"type\":\"string\"}]}";
    private static final String SITE = "{\"type\":\"record\",\"name\":\"Site\",\"namespace\":\"civic.conformance\","
            + "\"fields\":[{\"name\":\"address\",\"type\":\"civic.conformance.Address\"}]}";

    @Test
    @DisplayName("A registered reference is returned in the 'references' array of the version and of the id")
    void referencesAreStoredAndReturned() {
        String address = subject("ref-address");
        String site = subject("ref-site");
        register(address, ADDRESS);

        int id = ok(post("/subjects/" + enc(site) + "/versions", body(SITE, "civic.conformance.Address", address, 1)))
                .get("id").asInt();

        JsonNode expected = Registry.JSON.createArrayNode().addObject()
                .put("name", "civic.conformance.Address").put("subject", address).put("version", 1);
        assertThat(ok(get("/subjects/" + enc(site) + "/versions/1")).get("references").get(0)).isEqualTo(expected);
        assertThat(ok(get("/schemas/ids/" + id)).get("references").get(0)).isEqualTo(expected);
    }

    @Test
    @DisplayName("GET /subjects/{subject}/versions/{version}/referencedby lists the ids of the schemas using it")
    void referencedBy() {
        String address = subject("refby-address");
        String site = subject("refby-site");
        register(address, ADDRESS);
        int id = ok(post("/subjects/" + enc(site) + "/versions", body(SITE, "civic.conformance.Address", address, 1)))
                .get("id").asInt();

        assertThat(ints(ok(get("/subjects/" + enc(address) + "/versions/1/referencedby")))).containsExactly(id);
    }

    @Test
    @DisplayName("'Error code 42206 indicates a reference exists': a referenced version cannot be deleted")
    void referencedVersionCannotBeDeleted() {
        String address = subject("refdel-address");
        String site = subject("refdel-site");
        register(address, ADDRESS);
        ok(post("/subjects/" + enc(site) + "/versions", body(SITE, "civic.conformance.Address", address, 1)));

        assertError(delete("/subjects/" + enc(address) + "/versions/1"), 422, 42206, null);
        assertError(delete("/subjects/" + enc(address)), 422, 42206, null);
    }

    @Test
    @DisplayName("A reference to a version that does not exist is an invalid schema (42201)")
    void unknownReferenceIs42201() {
        String address = subject("refmiss-address");
        register(address, ADDRESS);

        assertError(post("/subjects/" + enc(subject("refmiss-site")) + "/versions",
                body(SITE, "civic.conformance.Address", address, 9)), 422, 42201, null);
    }
}
