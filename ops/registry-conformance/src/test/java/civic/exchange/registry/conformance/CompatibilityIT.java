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
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compatibility levels ("Schema Evolution and Compatibility"): what each level accepts, decided with Avro's
 * reader/writer rules, checked both with {@code POST /compatibility/...} and by registering.
 */
@DisplayName("Compatibility levels")
class CompatibilityIT {

    private static final String BASE = record("Reading", field("a", "string"), field("b", "int"));

    /** Changes to BASE and which readers can still read which writers' data. */
    private enum Change {
        ADD_OPTIONAL_FIELD(record("Reading", field("a", "string"), field("b", "int"), optional("c")), true, true),
        ADD_REQUIRED_FIELD(record("Reading", field("a", "string"), field("b", "int"), field("c", "int")), false, true),
        REMOVE_FIELD_WITHOUT_DEFAULT(record("Reading", field("a", "string")), true, false),
        WIDEN_INT_TO_LONG(record("Reading", field("a", "string"), field("b", "long")), true, false),
        RENAME_RECORD(record("Measurement", field("a", "string"), field("b", "int")), false, false);

        final String schema;
        /** The new schema reads data written with BASE. */
        final boolean backward;
        /** BASE reads data written with the new schema. */
        final boolean forward;

        Change(String schema, boolean backward, boolean forward) {
            this.schema = schema;
            this.backward = backward;
            this.forward = forward;
        }

        boolean allowedBy(String level) {
            return switch (level) {
                case "NONE" -> true;
                case "BACKWARD" -> backward;
                case "FORWARD" -> forward;
                case "FULL" -> backward && forward;
                default -> throw new IllegalArgumentException(level);
            };
        }
    }

    static Stream<Arguments> levelsAndChanges() {
        return Stream.of("NONE", "BACKWARD", "FORWARD", "FULL").flatMap(level -> Stream.of(Change.values())
                .map(change -> Arguments.of(level, change)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("levelsAndChanges")
    @DisplayName("'BACKWARD: consumers using the new schema can read data produced with the last schema'; FORWARD the "
            + "reverse; FULL both; NONE no check")
    void levelDecidesWhatIsAccepted(String level, Change change) {
        String subject = subject("level-" + level.toLowerCase(Locale.ROOT) + "-" + change.name().toLowerCase(Locale.ROOT));
        setLevel(subject, level);
        register(subject, BASE);
        boolean expected = change.allowedBy(level);

        JsonNode check = ok(post("/compatibility/subjects/" + enc(subject) + "/versions/latest", body(change.schema)));
        assertThat(check.get("is_compatible").asBoolean()).as("is_compatible").isEqualTo(expected);
        assertThat(check.fieldNames()).toIterable().isSubsetOf("is_compatible", "messages");

        Registry.Reply registration = post("/subjects/" + enc(subject) + "/versions", body(change.schema));
        assertThat(registration.status()).as("registration: %s", registration.body()).isEqualTo(expected ? 200 : 409);
    }

    static Stream<Arguments> transitiveCases() {
        String a = field("a", "string");
        String bRequired = field("b", "int");
        String bDefault = field("b", "int", "0");
        return Stream.of(
                // v3 reads v2 data (b present) but not v1 data (b missing, no default).
                Arguments.of("BACKWARD", List.of(record("T", a), record("T", a, bDefault)), record("T", a, bRequired), true),
                Arguments.of("BACKWARD_TRANSITIVE", List.of(record("T", a), record("T", a, bDefault)), record("T", a, bRequired), false),
                // v2 reads v3 data (default for b) but v1 does not (b required).
                Arguments.of("FORWARD", List.of(record("T", a, bRequired), record("T", a, bDefault)), record("T", a), true),
                Arguments.of("FORWARD_TRANSITIVE", List.of(record("T", a, bRequired), record("T", a, bDefault)), record("T", a), false),
                Arguments.of("FULL", List.of(record("T", a, bRequired), record("T", a, bDefault)), record("T", a), true),
                Arguments.of("FULL_TRANSITIVE", List.of(record("T", a, bRequired), record("T", a, bDefault)), record("T", a), false));
    }

    @ParameterizedTest(name = "{0} accepts v3: {3}")
    @MethodSource("transitiveCases")
    @DisplayName("'TRANSITIVE: ... compatible with all previously registered schemas', not only the last one")
    void transitiveLevelsCheckEveryEarlierVersion(String level, List<String> history, String candidate, boolean accepted) {
        String subject = subject("transitive-" + level.toLowerCase(Locale.ROOT));
        setLevel(subject, level);
        for (String schema : history) {
            register(subject, schema);
        }

        Registry.Reply registration = post("/subjects/" + enc(subject) + "/versions", body(candidate));

        assertThat(registration.status()).as("registration: %s", registration.body()).isEqualTo(accepted ? 200 : 409);
        assertThat(ints(ok(get("/subjects/" + enc(subject) + "/versions")))).hasSize(accepted ? 3 : 2);
    }

    @Test
    @DisplayName("POST /compatibility/subjects/{subject}/versions/{version}?verbose=true lists the reasons")
    void verboseCheckListsReasons() {
        String subject = subject("verbose");
        setLevel(subject, "BACKWARD");
        register(subject, BASE);

        JsonNode check = ok(post("/compatibility/subjects/" + enc(subject) + "/versions/1?verbose=true",
                body(Change.ADD_REQUIRED_FIELD.schema)));

        assertThat(check.get("is_compatible").asBoolean()).isFalse();
        assertThat(check.get("messages").isArray()).isTrue();
        assertThat(check.get("messages")).isNotEmpty();
    }

    @Test
    @DisplayName("A compatibility check registers nothing")
    void checkDoesNotRegister() {
        String subject = subject("check-only");
        setLevel(subject, "BACKWARD");
        register(subject, BASE);

        ok(post("/compatibility/subjects/" + enc(subject) + "/versions/latest", body(Change.ADD_OPTIONAL_FIELD.schema)));

        assertThat(ints(ok(get("/subjects/" + enc(subject) + "/versions")))).containsExactly(1);
    }

    @Test
    @DisplayName("POST /compatibility/...: 40402 version not found, 42202 invalid version, 42201 invalid schema")
    void checkErrors() {
        String subject = subject("check-errors");
        register(subject, BASE);
        String path = "/compatibility/subjects/" + enc(subject) + "/versions/";

        assertError(post(path + "9", body(BASE)), 404, 40402, null);
        assertError(post(path + "zero", body(BASE)), 422, 42202, null);
        assertError(post(path + "latest", body("{\"type\":\"record\"")), 422, 42201, null);
    }
}
