package civic.exchange.registry;

import java.time.Duration;

/** Picks the client for a registry URL: {@code mock://scope} is in-memory, anything else is HTTP. */
public final class SchemaRegistryClients {

    private SchemaRegistryClients() {
    }

    public static SchemaRegistryClient forUrl(String url) {
        return forUrl(url, Duration.ofSeconds(60));
    }

    /** @param connectRetryBudget how long to keep retrying while the registry cannot be reached */
    public static SchemaRegistryClient forUrl(String url, Duration connectRetryBudget) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema.registry.url is not set");
        }
        String first = url.split(",")[0].trim();
        if (first.startsWith(InMemorySchemaRegistryClient.MOCK_PREFIX)) {
            return InMemorySchemaRegistryClient.forScope(first.substring(InMemorySchemaRegistryClient.MOCK_PREFIX.length()));
        }
        return new HttpSchemaRegistryClient(first, connectRetryBudget);
    }
}
