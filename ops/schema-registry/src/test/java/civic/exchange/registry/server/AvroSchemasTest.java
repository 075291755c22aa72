package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AvroSchemasTest {

    private static final String COMPACT = "{\"type\":\"record\",\"name\":\"Facility\",\"namespace\":\"civic\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"floors\",\"type\":\"int\",\"default\":1}]}";

    @Test
    void whitespaceAndKeyOrderDoNotChangeTheCanonicalForm() {
        String reformatted = """
                {
                  "namespace" : "civic",
                  "fields" : [
                    { "type" : "string", "name" : "id" },
                    { "default" : 1, "name" : "floors", "type" : "int" }
                  ],
                  "name" : "Facility",
                  "type" : "record"
                }""";

        assertThat(AvroSchemas.parse(reformatted).canonical()).isEqualTo(AvroSchemas.parse(COMPACT).canonical());
        assertThat(AvroSchemas.parse(reformatted).schema()).isEqualTo(AvroSchemas.parse(COMPACT).schema());
    }

    @Test
    void canonicalFormKeepsDefaultsAndDocs() {
        String withDoc = COMPACT.replace("\"name\":\"Facility\",", "\"name\":\"Facility\",\"doc\":\"A city facility\",");

        AvroSchemas.Parsed parsed = AvroSchemas.parse(withDoc);

        assertThat(parsed.canonical()).contains("\"default\":1").contains("A city facility");
        // A doc change is a different schema text, hence a new version, as in Confluent's registry.
        assertThat(parsed.canonical()).isNotEqualTo(AvroSchemas.parse(COMPACT).canonical());
    }

    @Test
    void canonicalFormIsAFixedPoint() {
        String canonical = AvroSchemas.parse(COMPACT).canonical();

        assertThat(AvroSchemas.parse(canonical).canonical()).isEqualTo(canonical);
    }

    @Test
    void primitiveSchemasParse() {
        assertThat(AvroSchemas.parse("\"string\"").canonical()).isEqualTo("\"string\"");
        assertThat(AvroSchemas.parse("{\"type\": \"string\"}").canonical()).isEqualTo("\"string\"");
    }

    @Test
    void invalidSchemaIs42201() {
        assertThatThrownBy(() -> AvroSchemas.parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"nope\"}]}"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status).isEqualTo(422);
                    assertThat(e.errorCode).isEqualTo(42201);
                    assertThat(e.getMessage()).startsWith("Invalid schema ");
                });
        assertThatThrownBy(() -> AvroSchemas.parse("not json")).isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> AvroSchemas.parse("")).hasMessage("Empty schema");
    }

    @Test
    void invalidDefaultIsRejected() {
        String badDefault = COMPACT.replace("\"default\":1", "\"default\":\"one\"");

        assertThatThrownBy(() -> AvroSchemas.parse(badDefault)).isInstanceOf(RegistryException.class);
    }

    @Test
    void referencedTypesResolveAndStayReferencedByName() {
        String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"civic\",\"fields\":[{\"name\":\"street\",\"type\":\"string\"}]}";
        String site = "{\"type\":\"record\",\"name\":\"Site\",\"namespace\":\"civic\",\"fields\":[{\"name\":\"address\",\"type\":\"civic.Address\"}]}";

        AvroSchemas.Parsed parsed = AvroSchemas.parse(site, List.of(address));

        assertThat(parsed.schema().getField("address").schema().getField("street")).isNotNull();
        assertThat(parsed.canonical()).doesNotContain("street").contains("\"type\":\"Address\"");
        assertThatThrownBy(() -> AvroSchemas.parse(site)).isInstanceOf(RegistryException.class);
    }
}
