package civic.exchange.localbus;

/**
 * One bus per test JVM (that is, per module), started on first use and closed when the JVM exits:
 * starting a broker per test class or method would dominate the build time.
 */
public final class BusFixtures {

    /** System property choosing the fixture: {@code embedded} (default) or {@code testcontainers}. */
    public static final String FIXTURE_PROPERTY = "bus.fixture";

    private static BusFixture shared;

    private BusFixtures() {
    }

    public static synchronized BusFixture shared() {
        if (shared == null) {
            BusFixture bus = create(System.getProperty(FIXTURE_PROPERTY, "embedded"));
            Runtime.getRuntime().addShutdownHook(new Thread(bus::close, "bus-fixture-shutdown"));
            shared = bus;
        }
        return shared;
    }

    /** A new bus of the named kind; the caller closes it. */
    public static BusFixture create(String kind) {
        return switch (kind) {
            case "embedded" -> LocalBus.startEphemeral();
            case "testcontainers" -> TestcontainersBus.start();
            default -> throw new IllegalArgumentException("Unknown " + FIXTURE_PROPERTY + " '" + kind + "': use embedded or testcontainers");
        };
    }
}
