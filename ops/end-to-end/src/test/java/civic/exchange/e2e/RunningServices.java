package civic.exchange.e2e;

import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.BusFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The three packaged services running against the module's bus, started once for every end-to-end
 * test class of the JVM (starting them is most of the suite's time) and stopped when it exits.
 */
final class RunningServices {

    private static RunningServices shared;

    final BusFixture bus;
    final ServiceProcess standardizer;
    final ServiceProcess connectors;
    final ServiceProcess facilityEvents;

    private RunningServices(BusFixture bus, ServiceProcess standardizer, ServiceProcess connectors, ServiceProcess facilityEvents) {
        this.bus = bus;
        this.standardizer = standardizer;
        this.connectors = connectors;
        this.facilityEvents = facilityEvents;
    }

    static synchronized RunningServices shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static RunningServices start() {
        try {
            BusFixture bus = BusFixtures.shared();
            Map<String, String> config = Map.of(
                    "kafka.bootstrap.servers", bus.bootstrapServers(),
                    "exchange.schema-registry.url", bus.schemaRegistryUrl(),
                    "kafka-streams.state.dir", Files.createTempDirectory("e2e-streams-state").toString(),
                    // Reports often enough for a test to see them, not as a production setting.
                    "standardizer.quality.interval", "1s");
            // Start all three before waiting on any: their start-ups overlap.
            ServiceProcess standardizer = ServiceProcess.start("standardizer-streams/service", config);
            ServiceProcess connectors = ServiceProcess.start("department-connectors", config);
            ServiceProcess facilityEvents = ServiceProcess.start("facility-events", config);
            List<ServiceProcess> all = List.of(standardizer, connectors, facilityEvents);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> all.forEach(ServiceProcess::closeQuietly), "e2e-services-stop"));
            for (ServiceProcess service : all) {
                service.awaitReady(Duration.ofSeconds(180));
            }
            return new RunningServices(bus, standardizer, connectors, facilityEvents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
