package civic.exchange.serde;

import civic.exchange.registry.SchemaRegistryClient;
import civic.exchange.registry.SchemaRegistryClients;
import java.time.Duration;
import java.util.Map;

/** Configuration keys of the serdes; the names are Confluent's so existing client configs carry over. */
public final class ExchangeSerdeConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Register unknown schemas on first use (default true, as in Confluent; turn off in production). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Deserialize into generated classes rather than GenericRecord (default false, as in Confluent). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /**
     * Serialize every value under this subject instead of {@code <topic>-value}: for state stores
     * that hold a canonical topic's records, so their changelog needs no subject of its own.
     */
    public static final String VALUE_SUBJECT = "exchange.value.subject";
    /**
     * How long a registry call keeps retrying while the registry cannot be reached or answers 5xx,
     * in milliseconds (default 60000); then the serde throws
     * {@link civic.exchange.registry.SchemaRegistryUnavailableException}.
     */
    public static final String REGISTRY_RETRY_BUDGET_MS = "exchange.schema-registry.retry-budget.ms";
    static final Duration DEFAULT_REGISTRY_RETRY_BUDGET = Duration.ofSeconds(60);

    private ExchangeSerdeConfig() {
    }

    static String registryUrl(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null) {
            throw new IllegalArgumentException("Missing required configuration '" + SCHEMA_REGISTRY_URL + "'");
        }
        return url.toString();
    }

    /** The registry client for the configured URL and retry budget. */
    static SchemaRegistryClient registry(Map<String, ?> configs) {
        Object budget = configs.get(REGISTRY_RETRY_BUDGET_MS);
        Duration retryBudget = budget == null ? DEFAULT_REGISTRY_RETRY_BUDGET : Duration.ofMillis(Long.parseLong(budget.toString().trim()));
        return SchemaRegistryClients.forUrl(registryUrl(configs), retryBudget);
    }

    static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value.toString());
    }
}
