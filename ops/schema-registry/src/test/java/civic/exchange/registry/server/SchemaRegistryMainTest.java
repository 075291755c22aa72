package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SchemaRegistryMainTest {

    @Test
    void electionOptionsParse() {
        Map<String, String> options = SchemaRegistryMain.parse(new String[] {"--advertised-url", "http://sr-1:8081",
                "--leader-eligible=false", "--group-id", "registry-a"});

        assertThat(options).containsEntry("advertised-url", "http://sr-1:8081").containsEntry("leader-eligible", "false")
                .containsEntry("group-id", "registry-a");
        assertThat(SchemaRegistryMain.bool(options.get("leader-eligible"))).isFalse();
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> SchemaRegistryMain.parse(new String[] {"--leader"})).hasMessageContaining("--leader");
        assertThatThrownBy(() -> SchemaRegistryMain.bool("maybe")).hasMessageContaining("maybe");
    }

    @Test
    void configDerivesGroupAndKeepsTheFiveArgumentConstructor() {
        SchemaRegistryConfig config = new SchemaRegistryConfig("b:9092", null, 0, "_schemas_x", Map.of());

        assertThat(config.effectiveGroupId()).isEqualTo("schema-registry-_schemas_x");
        assertThat(config.leaderEligible()).isTrue();
        assertThat(config.withAdvertisedUrl("http://h:1/").advertisedUrl()).isEqualTo("http://h:1");
        assertThat(config.withGroupId("g").withTopic("t").effectiveGroupId()).isEqualTo("g");
    }
}
