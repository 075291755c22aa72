package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final Schema V1 = schema("{\"name\":\"id\",\"type\":\"string\"}");
    private static final Schema OPTIONAL_ADDED = schema("{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");
    private static final Schema REQUIRED_ADDED = schema("{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"floors\",\"type\":\"int\"}");
    private static final Schema ID_REMOVED = schema("{\"name\":\"floors\",\"type\":\"int\",\"default\":0}");

    private static Schema schema(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Facility\",\"fields\":[" + fields + "]}");
    }

    private static List<CompatibilityChecker.Previous> history(Schema... schemas) {
        return java.util.stream.IntStream.range(0, schemas.length)
                .mapToObj(i -> new CompatibilityChecker.Previous(i + 1, schemas[i])).toList();
    }

    @Test
    void backwardAcceptsAnOptionalFieldAndRejectsARequiredOne() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, OPTIONAL_ADDED, history(V1))).isEmpty();

        List<String> messages = CompatibilityChecker.check(CompatibilityLevel.BACKWARD, REQUIRED_ADDED, history(V1));

        assertThat(messages).first().asString()
                .startsWith("{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'")
                .contains("The field 'floors' at path '/fields/1' in the new schema has no default value and is missing in the old schema")
                .contains("additionalInfo:'floors'");
        assertThat(messages).contains("{oldSchemaVersion: 1}", "{compatibility: 'BACKWARD'}");
    }

    @Test
    void forwardChecksTheOtherDirection() {
        // Old readers need "id", which the new schema no longer writes and old readers have no default for.
        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, ID_REMOVED, history(V1))).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, ID_REMOVED, history(V1)))
                .first().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("in the old schema");
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL, ID_REMOVED, history(V1))).isNotEmpty();
    }

    @Test
    void nonTransitiveLevelsOnlyLookAtTheLatestVersion() {
        // Version 2 (ID_REMOVED) reads this candidate's data; version 1 does not: it needs "id", which has no default.
        Schema readsLatestOnly = schema("{\"name\":\"floors\",\"type\":\"int\",\"default\":0},"
                + "{\"name\":\"name\",\"type\":\"string\",\"default\":\"\"}");
        List<CompatibilityChecker.Previous> previous = history(V1, ID_REMOVED);
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD, readsLatestOnly, previous)).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FORWARD_TRANSITIVE, readsLatestOnly, previous))
                .contains("{oldSchemaVersion: 1}");
    }

    @Test
    void noneAndEmptyHistoryAcceptEverything() {
        assertThat(CompatibilityChecker.check(CompatibilityLevel.NONE, REQUIRED_ADDED, history(V1))).isEmpty();
        assertThat(CompatibilityChecker.check(CompatibilityLevel.FULL_TRANSITIVE, REQUIRED_ADDED, history())).isEmpty();
    }

    @Test
    void typeChangeIsReported() {
        Schema idAsInt = schema("{\"name\":\"id\",\"type\":\"int\"}");

        assertThat(CompatibilityChecker.check(CompatibilityLevel.BACKWARD, idAsInt, history(V1)))
                .first().asString().startsWith("{errorType:'TYPE_MISMATCH'").contains("path '/fields/0/type'");
    }

    @Test
    void levelsParseCaseInsensitively() {
        assertThat(CompatibilityLevel.parse("backward_transitive")).contains(CompatibilityLevel.BACKWARD_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("FULL")).contains(CompatibilityLevel.FULL);
        assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
        assertThat(CompatibilityLevel.parse(null)).isEmpty();
    }
}
