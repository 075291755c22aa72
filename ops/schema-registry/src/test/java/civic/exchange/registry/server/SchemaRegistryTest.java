package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import civic.exchange.registry.server.RegistryState.Filter;
import civic.exchange.registry.server.SchemaRegistry.RegisterRequest;

/** Confluent's registration, delete and mode rules, on an in-memory log (no broker). */
class SchemaRegistryTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Facility\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Facility\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"name\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    private static final String INCOMPATIBLE = "{\"type\":\"record\",\"name\":\"Facility\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
            + "{\"name\":\"floors\",\"type\":\"int\"}]}";

    private final RegistryState state = new RegistryState();
    private final InMemoryLog log = new InMemoryLog(state);
    private final SchemaRegistry registry = new SchemaRegistry(state, log);

    private static RegisterRequest avro(String schema) {
        return new RegisterRequest(schema, null, List.of());
    }

    private static void assertCode(ThrowingCallable call, int errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errorCode).as(e.getMessage()).isEqualTo(errorCode));
    }

    @Test
    void primitiveSchemasAreStoredInTheirShortCanonicalForm() {
        int id = registry.register("p", avro("{\"type\":\"string\"}"));

        assertThat(registry.schemaById(id).schema()).isEqualTo("\"string\"");
        assertThat(registry.register("p", avro("\"string\""))).isEqualTo(id);
        assertThat(registry.versions("p", Filter.LIVE)).containsExactly(1);
    }

    @Test
    void softDeleteThenReRegisterRevivesTheIdUnderANewVersion() {
        int id = registry.register("s", avro(V1));

        assertThat(registry.deleteSubject("s", false)).containsExactly(1);
        assertCode(() -> registry.versions("s", Filter.LIVE), 40401);
        assertThat(registry.versions("s", Filter.INCLUDE_DELETED)).containsExactly(1);
        assertThat(registry.schemaById(id).schema()).isNotBlank(); // a soft-deleted id keeps resolving

        assertThat(registry.register("s", avro(V1))).isEqualTo(id);
        assertThat(registry.versions("s", Filter.LIVE)).containsExactly(2);
    }

    @Test
    void hardDeleteOnlyAfterSoftDelete() {
        registry.register("h", avro(V1));

        assertCode(() -> registry.deleteSubject("h", true), 40405);
        registry.deleteSubject("h", false);
        assertCode(() -> registry.deleteSubject("h", false), 40404);
        assertThat(registry.deleteSubject("h", true)).containsExactly(1);
        assertCode(() -> registry.deleteSubject("h", true), 40401);
        assertThat(state.versions("h", Filter.INCLUDE_DELETED)).isEmpty();
    }

    @Test
    void versionDeletes() {
        registry.register("v", avro(V1));
        registry.register("v", avro(V2));

        assertCode(() -> registry.deleteVersion("v", "1", true), 40407);
        assertThat(registry.deleteVersion("v", "1", false)).isEqualTo(1);
        assertCode(() -> registry.deleteVersion("v", "1", false), 40406);
        assertThat(registry.deleteVersion("v", "1", true)).isEqualTo(1);
        assertCode(() -> registry.deleteVersion("v", "1", true), 40402);
        assertCode(() -> registry.deleteVersion("v", "0", false), 42202);
        assertCode(() -> registry.deleteVersion("nobody", "1", false), 40401);
        assertThat(registry.deleteVersion("v", "latest", false)).isEqualTo(2);
    }

    @Test
    void deletingTheLastLiveVersionRemovesTheSubjectsSettings() {
        registry.register("settings", avro(V1));
        registry.setLevel("settings", CompatibilityLevel.NONE);
        registry.setMode("settings", "READWRITE");

        registry.deleteVersion("settings", "1", false);

        assertCode(() -> registry.subjectLevel("settings", false), 40408);
        assertCode(() -> registry.subjectMode("settings", false), 40409);
    }

    @Test
    void aReferencedVersionCannotBeDeleted() {
        registry.register("base", avro("{\"type\":\"record\",\"name\":\"Base\",\"namespace\":\"civic\",\"fields\":[]}"));
        registry.register("user", new RegisterRequest(
                "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"civic\",\"fields\":[{\"name\":\"b\",\"type\":\"civic.Base\"}]}",
                "AVRO", List.of(new SchemaReference("civic.Base", "base", 1))));

        assertCode(() -> registry.deleteSubject("base", false), 42206);
        assertCode(() -> registry.deleteVersion("base", "1", false), 42206);
        assertThat(registry.referencedBy("base", VersionSpec.parse("1"))).hasSize(1);
    }

    @Test
    void readOnlyRefusesWritesButStillAnswersRegisteredSchemas() {
        int id = registry.register("ro", avro(V1));
        registry.setMode("ro", "READONLY");

        assertThat(registry.registeredId("ro", avro(V1))).contains(id);
        assertThat(registry.register("ro", avro(V1))).isEqualTo(id);
        assertCode(() -> registry.register("ro", avro(V2)), 42205);
        assertCode(() -> registry.deleteSubject("ro", false), 42205);
        assertThatThrownBy(() -> registry.register("ro", avro(V2))).hasMessage("Subject ro is in read-only mode");

        assertThat(registry.deleteMode("ro")).isEqualTo(Mode.READONLY);
        assertThat(registry.register("ro", avro(V2))).isPositive();
    }

    @Test
    void globalReadOnlyOverrideWinsOverSubjectModes() {
        registry.setMode("rw", "READWRITE");
        registry.setMode(null, "READONLY_OVERRIDE");

        assertThat(registry.effectiveMode("rw")).isEqualTo(Mode.READONLY_OVERRIDE);
        assertCode(() -> registry.register("rw", avro(V1)), 42205);
        registry.setMode(null, "READWRITE");
        assertThat(registry.register("rw", avro(V1))).isPositive();
    }

    @Test
    void modeValidation() {
        assertCode(() -> registry.setMode(null, "SIDEWAYS"), 42204);
        assertCode(() -> registry.setMode(null, "IMPORT"), 42205);
        assertCode(() -> registry.deleteMode("never-set"), 40401);
        assertThat(registry.globalMode()).isEqualTo(Mode.READWRITE);
    }

    @Test
    void registeringWithAnIdNeedsImportMode() {
        assertCode(() -> registry.register("import", new RegisterRequest(V1, null, List.of(), 42, null)), 42205);
    }

    @Test
    void aGivenVersionMustBeTheNextOne() {
        assertCode(() -> registry.register("next", new RegisterRequest(V1, null, List.of(), null, 3)), 42201);
        assertThat(registry.register("next", new RegisterRequest(V1, null, List.of(), null, 1))).isPositive();
    }

    @Test
    void incompatibleSchemasAreRefusedUnlessTheLevelAllowsThem() {
        registry.register("c", avro(V1));

        assertCode(() -> registry.register("c", avro(INCOMPATIBLE)), 409);
        registry.setLevel("c", CompatibilityLevel.NONE);
        assertThat(registry.register("c", avro(INCOMPATIBLE))).isPositive();
        assertThat(registry.deleteLevel("c")).isEqualTo(CompatibilityLevel.NONE);
        assertCode(() -> registry.deleteLevel("c"), 40401);
    }

    @Test
    void deletingTheGlobalLevelFallsBackToBackward() {
        registry.setLevel(null, CompatibilityLevel.FULL);

        assertThat(registry.deleteLevel(null)).isEqualTo(CompatibilityLevel.FULL);
        assertThat(registry.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void subjectNamesWithControlCharactersAre42208() {
        assertCode(() -> registry.register("bad\u0001name", avro(V1)), 42208);
    }

    @Test
    void idsOfSubjectsAndVersions() {
        int id = registry.register("a", avro(V1));
        registry.register("b", avro(V1));
        registry.deleteSubject("b", false);

        assertThat(registry.subjectsForId(id, false)).containsExactly("a");
        assertThat(registry.subjectsForId(id, true)).containsExactly("a", "b");
        assertThat(registry.versionsForId(id, true)).extracting(SchemaVersion::subject, SchemaVersion::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 1));
        assertCode(() -> registry.subjectsForId(999, false), 40403);
    }

    @Test
    void lookupSeesSoftDeletedVersionsOnlyWhenAsked() {
        registry.register("l", avro(V1));
        registry.deleteSubject("l", false);

        assertCode(() -> registry.lookup("l", avro(V1), false), 40401);
        assertThat(registry.lookup("l", avro(V1), true).version()).isEqualTo(1);
        registry.register("l", avro(V2));
        assertCode(() -> registry.lookup("l", avro(V1), false), 40403);
    }

    @Test
    void writesOnAFollowerAreRefusedSoThatTheyGetForwarded() {
        log.leader = false;

        assertCode(() -> registry.register("f", avro(V1)), 50004);
        assertThat(log.appended).isEmpty();
    }
}
