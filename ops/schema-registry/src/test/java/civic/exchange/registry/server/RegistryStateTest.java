package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import civic.exchange.registry.server.RegistryRecords.ConfigKey;
import civic.exchange.registry.server.RegistryRecords.OtherKey;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;
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
