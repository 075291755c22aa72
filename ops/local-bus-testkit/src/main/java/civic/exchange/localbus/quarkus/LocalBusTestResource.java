package civic.exchange.localbus.quarkus;

import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the module's shared bus (a real broker and schema
 * registry), with Dev Services off since they would need Docker.
 */
public final class LocalBusTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        BusFixture bus = BusFixtures.shared();
        return Map.of(
                "kafka.bootstrap.servers", bus.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", bus.bootstrapServers(),
                "exchange.schema-registry.url", bus.schemaRegistryUrl(),
                "quarkus.kafka.devservices.enabled", "false",
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The bus is shared by every test class of the module; it closes when the JVM exits.
    }
}
