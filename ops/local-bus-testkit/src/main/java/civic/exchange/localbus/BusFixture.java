package civic.exchange.localbus;

/**
 * A running Kafka broker with a schema registry, as tests see it. Two kinds: the embedded
 * {@link LocalBus} (default; {@link BusFixtures} wraps it, since the runtime module knows nothing of
 * fixtures) and {@link TestcontainersBus} (where a Docker engine runs), chosen with the system
 * property {@code bus.fixture}.
 *
 * <p>What tests call ({@code bootstrapServers}, {@code schemaRegistryUrl}, {@code createTopics},
 * {@code clientConfig}) is declared by {@link Bus}; this type is what the JUnit extension injects.
 */
public interface BusFixture extends Bus {
}
