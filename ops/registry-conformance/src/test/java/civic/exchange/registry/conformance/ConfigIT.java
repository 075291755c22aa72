package civic.exchange.registry.conformance;

import static civic.exchange.registry.conformance.Registry.assertError;
import static civic.exchange.registry.conformance.Registry.delete;
import static civic.exchange.registry.conformance.Registry.enc;
import static civic.exchange.registry.conformance.Registry.get;
import static civic.exchange.registry.conformance.Registry.ok;
import static civic.exchange.registry.conformance.Registry.put;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /config}: the compatibility level, globally and per subject. */
@DisplayName("Compatibility configuration")
class ConfigIT {

    static final String[] LEVELS = {"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL",
            "FULL_TRANSITIVE"};

    private static String path(String subject) {
        return "/config/" + enc(subject);
    }

    @Test
    @DisplayName("GET /config 'Get global compatibility level': {\"compatibilityLevel\": <level>}")
    void globalLevel() {
        JsonNode config = ok(get("/config"));

        assertThat(config.get("compatibilityLevel").asText()).isIn((Object[]) LEVELS);
    }

    @Test
    @DisplayName("The default global level is BACKWARD (registry started by the suite)")
    void defaultGlobalLevelIsBackward() {
        assumeTrue(Registry.ownsRegistry(), "only a fresh registry is known to have the default");

        assertThat(ok(get("/config")).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"})
    @DisplayName("PUT /config/{subject} 'Update compatibility level for the specified subject' echoes {\"compatibility\"}")
    void subjectLevel(String level) {
        String subject = subject("level-" + level.toLowerCase());

        JsonNode echoed = ok(put(path(subject), "{\"compatibility\":\"" + level + "\"}"));

        assertThat(echoed.get("compatibility").asText()).isEqualTo(level);
        assertThat(ok(get(path(subject))).get("compatibilityLevel").asText()).isEqualTo(level);
    }

    @Test
    @DisplayName("A subject's level can be set before the subject has any schema")
    void levelOfAnEmptySubject() {
        String subject = subject("level-first");

        ok(put(path(subject), "{\"compatibility\":\"FULL\"}"));

        assertThat(ok(get(path(subject))).get("compatibilityLevel").asText()).isEqualTo("FULL");
    }

    @Test
    @DisplayName("'Error code 42203 indicates invalid compatibility level'")
    void invalidLevelIs42203() {
        assertError(put(path(subject("level-invalid")), "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203, null);
    }

    @Test
    @DisplayName("GET /config/{subject} without a subject level: 40408; with ?defaultToGlobal=true: the global level")
    void subjectWithoutLevel() {
        String subject = subject("level-unset");

        assertError(get(path(subject)), 404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
        assertThat(ok(get(path(subject) + "?defaultToGlobal=true")).get("compatibilityLevel").asText())
                .isEqualTo(ok(get("/config")).get("compatibilityLevel").asText());
    }

    @Test
    @DisplayName("DELETE /config/{subject} 'Deletes the specified subject-level compatibility level config and reverts to the global default'")
    void deleteSubjectLevel() {
        String subject = subject("level-delete");
        ok(put(path(subject), "{\"compatibility\":\"FORWARD\"}"));

        assertThat(ok(delete(path(subject))).get("compatibilityLevel").asText()).isEqualTo("FORWARD");

        assertError(get(path(subject)), 404, 40408, null);
        assertError(delete(path(subject)), 404, 40401, "Subject '" + subject + "' not found.");
    }

    @Test
    @DisplayName("PUT /config and DELETE /config change and reset the global level (registry started by the suite)")
    void globalLevelCanBeChangedAndReset() {
        assumeTrue(Registry.mayChangeGlobalSettings(), "global settings of a shared registry are left alone");
        String before = ok(get("/config")).get("compatibilityLevel").asText();
        try {
            assertThat(ok(put("/config", "{\"compatibility\":\"FULL\"}")).get("compatibility").asText()).isEqualTo("FULL");
            assertThat(ok(get("/config")).get("compatibilityLevel").asText()).isEqualTo("FULL");

            assertThat(ok(delete("/config")).get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(ok(get("/config")).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        } finally {
            ok(put("/config", "{\"compatibility\":\"" + before + "\"}"));
        }
    }
}
