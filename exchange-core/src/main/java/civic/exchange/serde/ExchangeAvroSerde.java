package civic.exchange.serde;

import civic.exchange.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka Streams {@link Serde} for a generated Avro class, in Confluent's wire format. */
public class ExchangeAvroSerde<T> implements Serde<T> {

    private final ExchangeAvroSerializer<T> serializer;
    private final ExchangeAvroDeserializer<T> deserializer;

    public ExchangeAvroSerde(Class<T> type) {
        this.serializer = new ExchangeAvroSerializer<>();
        this.deserializer = new ExchangeAvroDeserializer<>(type);
    }

    public ExchangeAvroSerde(Class<T> type, SchemaRegistryClient registry, boolean autoRegister) {
        this.serializer = new ExchangeAvroSerializer<>(registry, autoRegister);
        this.deserializer = new ExchangeAvroDeserializer<>(registry, type);
    }

    /** A serde configured for values with the given registry URL. */
    public static <T> ExchangeAvroSerde<T> forValues(Class<T> type, String registryUrl) {
        return forValues(type, registryUrl, Map.of());
    }

    /** A serde for values with the given registry URL and further settings ({@link ExchangeSerdeConfig}). */
    public static <T> ExchangeAvroSerde<T> forValues(Class<T> type, String registryUrl, Map<String, ?> settings) {
        Map<String, Object> configs = new java.util.HashMap<>(settings);
        configs.put(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        ExchangeAvroSerde<T> serde = new ExchangeAvroSerde<>(type);
        serde.configure(configs, false);
        return serde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
