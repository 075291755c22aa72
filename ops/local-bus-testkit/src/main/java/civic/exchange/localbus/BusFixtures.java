package civic.exchange.localbus;

/**
 * One bus per test JVM (that is, per module), started on first use and closed when the JVM exits:
 * starting a broker per test class or method would dominate the build time.
 *
 * <p>The running bus is also published in system properties, because Quarkus loads test resources
 * again in a fresh class loader when a test profile changes: that second copy of this class must
 * reuse the bus, not start a second broker in the same JVM.
 */
public final class BusFixtures {

    /** System property choosing the fixture: {@code embedded} (default) or {@code testcontainers}. */
    public static final String FIXTURE_PROPERTY = "bus.fixture";
    static final String BOOTSTRAP_PROPERTY = "civic.exchange.bus.bootstrap-servers";
    static final String REGISTRY_PROPERTY = "civic.exchange.bus.schema-registry-url";

    private static BusFixture shared;

    private BusFixtures() {
    }

    public static BusFixture shared() {
        synchronized (System.getProperties()) {
            if (shared == null) {
                String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
                if (bootstrap != null) {
                    shared = new RunningBus(bootstrap, System.getProperty(REGISTRY_PROPERTY));
                } else {
                    BusFixture bus = create(System.getProperty(FIXTURE_PROPERTY, "embedded"));
                    Runtime.getRuntime().addShutdownHook(new Thread(bus::close, "bus-fixture-shutdown"));
                    System.setProperty(BOOTSTRAP_PROPERTY, bus.bootstrapServers());
                    System.setProperty(REGISTRY_PROPERTY, bus.schemaRegistryUrl());
                    shared = bus;
                }
            }
            return shared;
        }
    }

    /** A new bus of the named kind; the caller closes it. */
    public static BusFixture create(String kind) {
        return switch (kind) {
            case "embedded" -> new Embedded(LocalBus.startEphemeral());
            case "testcontainers" -> TestcontainersBus.start();
            default -> throw new IllegalArgumentException("Unknown " + FIXTURE_PROPERTY + " '" + kind + "': use embedded or testcontainers");
        };
    }

    /** The embedded local bus as a fixture. */
    private record Embedded(LocalBus bus) implements BusFixture {
        @Override
        public String bootstrapServers() {
            return bus.bootstrapServers();
        }

        @Override
        public String schemaRegistryUrl() {
            return bus.schemaRegistryUrl();
        }

        @Override
        public void close() {
            bus.close();
        }
    }

    /** The JVM's bus as seen from another class loader; its owner closes it. */
    private record RunningBus(String bootstrapServers, String schemaRegistryUrl) implements BusFixture {
        @Override
        public void close() {
        }
    }
}
