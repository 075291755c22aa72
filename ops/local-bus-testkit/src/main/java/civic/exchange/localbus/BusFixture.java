package civic.exchange.localbus;

/**
 * A running Kafka broker with a schema registry, as tests see it. Two implementations: the
 * embedded {@link LocalBus} (default) and {@link TestcontainersBus} (where a Docker engine runs),
 * chosen with the system property {@code bus.fixture}.
 *
 * <p>Everything a test calls ({@code bootstrapServers}, {@code schemaRegistryUrl}, {@code createTopics},
 * {@code clientConfig}) comes from {@link Bus}; this type is what the JUnit extension injects.
 */
public interface BusFixture extends Bus {
}
