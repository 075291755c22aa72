package civic.exchange.serde;

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

    private ExchangeSerdeConfig() {
    }

    static String registryUrl(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null) {
            throw new IllegalArgumentException("Missing required configuration '" + SCHEMA_REGISTRY_URL + "'");
        }
        return url.toString();
    }

    static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        return value == null ? defaultValue : Boolean.parseBoolean(value.toString());
    }
}
