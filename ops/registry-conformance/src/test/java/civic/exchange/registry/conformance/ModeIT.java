package civic.exchange.registry.conformance;

import static civic.exchange.registry.conformance.Registry.assertError;
import static civic.exchange.registry.conformance.Registry.body;
import static civic.exchange.registry.conformance.Registry.delete;
import static civic.exchange.registry.conformance.Registry.enc;
import static civic.exchange.registry.conformance.Registry.field;
import static civic.exchange.registry.conformance.Registry.get;
import static civic.exchange.registry.conformance.Registry.ok;
import static civic.exchange.registry.conformance.Registry.optional;
import static civic.exchange.registry.conformance.Registry.post;
import static civic.exchange.registry.conformance.Registry.put;
import static civic.exchange.registry.conformance.Registry.record;
import static civic.exchange.registry.conformance.Registry.register;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code /mode}: READWRITE and READONLY, globally and per subject. */
@DisplayName("Modes")
class ModeIT {

    private static final String METER = record("Meter", field("reading", "double"));
    private static final String METER_V2 = record("Meter", field("reading", "double"), optional("unit"));

    private static String mode(String subject) {
        return "/mode/" + enc(subject);
    }

    @Test
    @DisplayName("GET /mode 'Get the current mode for Schema Registry at a global level': {\"mode\": ...}")
    void globalMode() {
        assertThat(ok(get("/mode")).get("mode").asText()).isIn("READWRITE", "READONLY", "READONLY_OVERRIDE", "IMPORT");
    }

    @Test
    @DisplayName("PUT /mode/{subject} READONLY: registering a new schema answers 42205; the subject stays readable")
    void readOnlySubjectRefusesRegistrations() {
        String subject = subject("readonly");
        int id = register(subject, METER);

        assertThat(ok(put(mode(subject), "{\"mode\":\"READONLY\"}")).get("mode").asText()).isEqualTo("READONLY");
        assertThat(ok(get(mode(subject))).get("mode").asText()).isEqualTo("READONLY");

        assertError(post("/subjects/" + enc(subject) + "/versions", body(METER_V2)), 422, 42205,
                "Subject " + subject + " is in read-only mode");
        assertThat(ok(get("/subjects/" + enc(subject) + "/versions/latest")).get("id").asInt()).isEqualTo(id);
    }

    @Test
    @DisplayName("READONLY: a schema already registered under the subject is still answered with its id")
    void readOnlySubjectStillAnswersRegisteredSchemas() {
        String subject = subject("readonly-known");
        int id = register(subject, METER);
        ok(put(mode(subject), "{\"mode\":\"READONLY\"}"));

        assertThat(register(subject, METER)).isEqualTo(id);
    }

    @Test
    @DisplayName("READONLY: deleting answers 42205")
    void readOnlySubjectRefusesDeletes() {
        String subject = subject("readonly-delete");
        register(subject, METER);
        ok(put(mode(subject), "{\"mode\":\"READONLY\"}"));

        assertError(delete("/subjects/" + enc(subject)), 422, 42205, null);
        assertError(delete("/subjects/" + enc(subject) + "/versions/1"), 422, 42205, null);
    }

    @Test
    @DisplayName("DELETE /mode/{subject} returns the old mode and reverts to the global one: writes work again")
    void deleteSubjectMode() {
        String subject = subject("readonly-lifted");
        register(subject, METER);
        ok(put(mode(subject), "{\"mode\":\"READONLY\"}"));

        assertThat(ok(delete(mode(subject))).get("mode").asText()).isEqualTo("READONLY");

        assertThat(register(subject, METER_V2)).isPositive();
        assertError(delete(mode(subject)), 404, 40401, null);
    }

    @Test
    @DisplayName("GET /mode/{subject} without a subject mode: 40409; with ?defaultToGlobal=true: the global mode")
    void subjectWithoutMode() {
        String subject = subject("mode-unset");

        assertError(get(mode(subject)), 404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
        assertThat(ok(get(mode(subject) + "?defaultToGlobal=true")).get("mode").asText())
                .isEqualTo(ok(get("/mode")).get("mode").asText());
    }

    @Test
    @DisplayName("'Error code 42204 indicates an invalid mode'")
    void invalidModeIs42204() {
        assertError(put(mode(subject("mode-invalid")), "{\"mode\":\"SIDEWAYS\"}"), 422, 42204, null);
    }

    @Test
    @DisplayName("Global READONLY refuses registrations under every subject until READWRITE (registry started by the suite)")
    void globalReadOnly() {
        assumeTrue(Registry.mayChangeGlobalSettings(), "global settings of a shared registry are left alone");
        String subject = subject("global-readonly");
        String before = ok(get("/mode")).get("mode").asText();
        try {
            assertThat(ok(put("/mode", "{\"mode\":\"READONLY\"}")).get("mode").asText()).isEqualTo("READONLY");

            assertError(post("/subjects/" + enc(subject) + "/versions", body(METER)), 422, 42205, null);
        } finally {
            ok(put("/mode", "{\"mode\":\"" + before + "\"}"));
        }
        assertThat(register(subject, METER)).isPositive();
    }
}
