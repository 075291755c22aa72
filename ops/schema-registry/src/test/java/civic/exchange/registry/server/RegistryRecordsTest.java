package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import civic.exchange.registry.server.RegistryRecords.ConfigKey;
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
        assertThat(text(RegistryRecords.encodeKey(new ConfigKey(null))))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(text(RegistryRecords.encodeKey(new ConfigKey("s"))))
                .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":\"s\",\"magic\":0}");
        assertThat(text(RegistryRecords.encodeConfig(CompatibilityLevel.FULL))).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(RegistryRecords.decodeConfig(RegistryRecords.encodeConfig(CompatibilityLevel.FULL)))
                .isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void keysDecode() {
        assertThat(RegistryRecords.decodeKey(RegistryRecords.encodeKey(new SchemaKey("s", 2)))).isEqualTo(new SchemaKey("s", 2));
        assertThat(RegistryRecords.decodeKey(RegistryRecords.encodeKey(new ConfigKey(null)))).isEqualTo(new ConfigKey(null));
        assertThat(RegistryRecords.decodeKey("{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new OtherKey("NOOP"));
    }
}
