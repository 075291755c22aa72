package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import civic.exchange.registry.server.RegistryRecords.ConfigKey;
import civic.exchange.registry.server.RegistryRecords.DeleteSubjectKey;
import civic.exchange.registry.server.RegistryRecords.ModeKey;
import civic.exchange.registry.server.RegistryRecords.OtherKey;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;
import civic.exchange.registry.server.RegistryState.Filter;
import civic.exchange.registry.server.RegistryState.SchemaIdentity;

class RegistryStateTest {

    private final RegistryState state = new RegistryState();

    private void put(String subject, int version, int id, String schema, boolean deleted) {
        state.apply(new SchemaKey(subject, version),
                RegistryRecords.encodeSchema(new SchemaVersion(subject, version, id, schema, List.of(), deleted)));
    }

    @Test
    void schemaRecordsBuildSubjectsVersionsAndIds() {
        put("a", 1, 1, "\"string\"", false);
        put("a", 2, 2, "\"long\"", false);
        put("b", 1, 1, "\"string\"", false);

        assertThat(state.subjects()).containsExactly("a", "b");
        assertThat(state.liveVersions("a")).extracting(SchemaVersion::version).containsExactly(1, 2);
        assertThat(state.maxId()).isEqualTo(2);
        assertThat(state.idOf(new SchemaIdentity("\"string\"", List.of()))).contains(1);
        assertThat(state.schemaById(2)).get().extracting(SchemaVersion::schema).isEqualTo("\"long\"");
        assertThat(state.liveVersions("missing")).isEmpty();
    }

    @Test
    void softDeletedVersionsAreHiddenButKeepTheirNumberAndId() {
        put("a", 1, 5, "\"string\"", false);
        put("a", 1, 5, "\"string\"", true);

        assertThat(state.subjects()).isEmpty();
        assertThat(state.liveVersions("a")).isEmpty();
        assertThat(state.maxVersion("a")).isEqualTo(1);
        assertThat(state.schemaById(5)).isPresent();
    }

    @Test
    void tombstoneRemovesTheVersion() {
        put("a", 1, 1, "\"string\"", false);
        state.apply(new SchemaKey("a", 1), null);

        assertThat(state.subjects()).isEmpty();
        assertThat(state.maxId()).isEqualTo(1);
    }

    @Test
    void hardDeletingTheLastVersionOfAnIdMakesItUnresolvable() {
        put("a", 1, 7, "\"string\"", false);
        put("b", 1, 7, "\"string\"", false);
        state.apply(new SchemaKey("a", 1), null);

        assertThat(state.schemaById(7)).isPresent();
        assertThat(state.versionsWithId(7)).extracting(SchemaVersion::subject).containsExactly("b");

        state.apply(new SchemaKey("b", 1), null);

        assertThat(state.schemaById(7)).isEmpty();
        assertThat(state.idOf(new SchemaIdentity("\"string\"", List.of()))).isEmpty();
        assertThat(state.maxId()).isEqualTo(7);
    }

    @Test
    void confluentDeleteSubjectRecordSoftDeletesUpToItsVersion() {
        put("a", 1, 1, "\"string\"", false);
        put("a", 2, 2, "\"long\"", false);
        put("a", 3, 3, "\"int\"", false);

        state.apply(new DeleteSubjectKey("a"), "{\"subject\":\"a\",\"version\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(state.liveVersions("a")).extracting(SchemaVersion::version).containsExactly(3);
        assertThat(state.versions("a", Filter.DELETED_ONLY)).extracting(SchemaVersion::version).containsExactly(1, 2);
    }

    @Test
    void subjectFilters() {
        put("live", 1, 1, "\"string\"", false);
        put("gone", 1, 2, "\"long\"", true);
        put("mixed", 1, 1, "\"string\"", true);
        put("mixed", 2, 2, "\"long\"", false);

        assertThat(state.subjects(Filter.LIVE)).containsExactly("live", "mixed");
        assertThat(state.subjects(Filter.INCLUDE_DELETED)).containsExactly("gone", "live", "mixed");
        assertThat(state.subjects(Filter.DELETED_ONLY)).containsExactly("gone");
    }

    @Test
    void aRecordGivingAnIdAnotherMeaningIsIgnored() {
        put("a", 1, 1, "\"string\"", false);
        put("b", 1, 1, "\"long\"", false);

        assertThat(state.subjects()).containsExactly("a");
        assertThat(state.schemaById(1)).get().extracting(SchemaVersion::schema).isEqualTo("\"string\"");
    }

    @Test
    void tombstonesCoverEveryKeyLayoutSeen() {
        byte[] older = "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}".getBytes(StandardCharsets.UTF_8);
        state.apply(older, new ConfigKey(null), RegistryRecords.encodeConfig(CompatibilityLevel.FULL));

        assertThat(state.keyLayouts(new ConfigKey(null))).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("{\"keytype\":\"CONFIG\",\"magic\":0}", "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");

        state.apply(older, new ConfigKey(null), null);

        assertThat(state.keyLayouts(new ConfigKey(null))).hasSize(1);
        assertThat(state.globalLevel()).isEmpty();
    }

    @Test
    void modeRecords() {
        state.apply(new ModeKey(null), RegistryRecords.encodeMode(Mode.READONLY));
        state.apply(new ModeKey("a"), RegistryRecords.encodeMode(Mode.READWRITE));

        assertThat(state.globalMode()).contains(Mode.READONLY);
        assertThat(state.subjectMode("a")).contains(Mode.READWRITE);

        state.apply(new ModeKey("a"), null);
        assertThat(state.subjectMode("a")).isEmpty();
    }

    @Test
    void referrersAreFound() {
        put("base", 1, 1, "\"string\"", false);
        state.apply(new SchemaKey("user", 1), RegistryRecords.encodeSchema(new SchemaVersion("user", 1, 2, "{}",
                List.of(new SchemaReference("civic.Base", "base", 1)), false)));

        assertThat(state.referrers("base", 1)).extracting(SchemaVersion::id).containsExactly(2);
        assertThat(state.referrers("base", 2)).isEmpty();
    }

    @Test
    void configRecords() {
        state.apply(new ConfigKey(null), RegistryRecords.encodeConfig(CompatibilityLevel.FULL));
        state.apply(new ConfigKey("a"), RegistryRecords.encodeConfig(CompatibilityLevel.NONE));
        state.apply(new OtherKey("NOOP"), null);

        assertThat(state.globalLevel()).contains(CompatibilityLevel.FULL);
        assertThat(state.subjectLevel("a")).contains(CompatibilityLevel.NONE);

        state.apply(new ConfigKey("a"), null);
        assertThat(state.subjectLevel("a")).isEmpty();
    }
}
