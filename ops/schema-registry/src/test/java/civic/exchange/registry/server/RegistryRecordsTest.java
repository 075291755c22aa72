package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import civic.exchange.registry.server.RegistryRecords.ConfigKey;
import civic.exchange.registry.server.RegistryRecords.DeleteSubjectKey;
import civic.exchange.registry.server.RegistryRecords.ModeKey;
import civic.exchange.registry.server.RegistryRecords.OtherKey;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;

/** The topic layout is Confluent's, byte for byte in field order, so either registry can read the other's topic. */
class RegistryRecordsTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void schemaKeyAndValue() {
        assertThat(text(RegistryRecords.encodeKey(new SchemaKey("s", 1))))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}");
        SchemaVersion version = new SchemaVersion("s", 1, 3, "\"string\"", List.of(), false);

        byte[] value = RegistryRecords.encodeSchema(version);

        assertThat(text(value))
                .isEqualTo("{\"subject\":\"s\",\"version\":1,\"id\":3,\"schema\":\"\\\"string\\\"\",\"deleted\":false}");
        assertThat(RegistryRecords.decodeSchema(value)).isEqualTo(version);
        assertThat(RegistryRecords.decodeSchema(null)).isNull();
    }

    @Test
    void referencesRoundTrip() {
        SchemaVersion version = new SchemaVersion("s", 2, 4, "{}", List.of(new SchemaReference("civic.A", "a", 1)), false);

        assertThat(RegistryRecords.decodeSchema(RegistryRecords.encodeSchema(version))).isEqualTo(version);
    }

    @Test
    void configKeyAndValue() {
        // Confluent writes global keys with NON_EMPTY: no subject field at all.
        assertThat(text(RegistryRecords.encodeKey(new ConfigKey(null))))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"magic\":0}");
        assertThat(text(RegistryRecords.encodeKey(new ConfigKey("s"))))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}");
        assertThat(text(RegistryRecords.encodeConfig(CompatibilityLevel.FULL))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(RegistryRecords.decodeConfig(RegistryRecords.encodeConfig(CompatibilityLevel.FULL)))
                .isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void modeKeyAndValue() {
        assertThat(text(RegistryRecords.encodeKey(new ModeKey(null)))).isEqualTo("{\"keytype\":\"MODE\",\"magic\":0}");
        assertThat(text(RegistryRecords.encodeKey(new ModeKey("s"))))
                .isEqualTo("{\"keytype\":\"MODE\",\"subject\":\"s\",\"magic\":0}");
        assertThat(text(RegistryRecords.encodeMode(Mode.READONLY))).isEqualTo("{\"mode\":\"READONLY\"}");
        assertThat(RegistryRecords.decodeMode(RegistryRecords.encodeMode(Mode.READONLY))).isEqualTo(Mode.READONLY);
        assertThat(RegistryRecords.decodeMode(null)).isNull();
    }

    @Test
    void globalKeysOfOlderConfluentVersionsDecodeToo() {
        assertThat(RegistryRecords.decodeKey("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ConfigKey(null));
        assertThat(RegistryRecords.decodeKey("{\"keytype\":\"MODE\",\"magic\":0}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ModeKey(null));
    }

    @Test
    void confluentDeleteSubjectRecordsDecode() {
        assertThat(RegistryRecords.decodeKey(
                "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"s\",\"magic\":0}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new DeleteSubjectKey("s"));
        assertThat(RegistryRecords.decodeDeleteSubject("{\"subject\":\"s\",\"version\":3}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new RegistryRecords.DeleteSubject("s", 3));
    }

    @Test
    void schemasOfOtherTypesAreRefused() {
        byte[] protobuf = "{\"subject\":\"s\",\"version\":1,\"id\":1,\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RegistryRecords.decodeSchema(protobuf)).hasMessageContaining("PROTOBUF");
    }

    @Test
    void keysDecode() {
        assertThat(RegistryRecords.decodeKey(RegistryRecords.encodeKey(new SchemaKey("s", 2)))).isEqualTo(new SchemaKey("s", 2));
        assertThat(RegistryRecords.decodeKey(RegistryRecords.encodeKey(new ConfigKey(null)))).isEqualTo(new ConfigKey(null));
        assertThat(RegistryRecords.decodeKey("{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new OtherKey("NOOP"));
    }
}
