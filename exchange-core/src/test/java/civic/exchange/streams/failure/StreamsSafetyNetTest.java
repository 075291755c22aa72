package civic.exchange.streams.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.registry.SchemaRegistryUnavailableException;
import civic.exchange.serde.UnreadableRecordException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handlers installed by class name in a real topology (TopologyTestDriver, dead letters on a
 * mock producer): unreadable bytes go to the DLQ and the stream goes on; a registry outage stops
 * it at the record, held back.
 */
class StreamsSafetyNetTest {

    private final MockProducer<byte[], byte[]> deadLetters = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private String application;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;

    @TempDir
    Path stateDir;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo test) {
        application = "safety-net-test-" + test.getTestMethod().orElseThrow().getName().hashCode();
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("in", Consumed.with(Serdes.String(), picky()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("store").withValueSerde(Serdes.String()));
        Properties config = new Properties();
        config.putAll(StreamsSafetyNet.properties("dlq.test-stage", "test-stage"));
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsSafetyNet.DLQ_PRODUCER, deadLetters);
        driver = new TopologyTestDriver(builder.build(), config);
        input = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void unreadableBytesAreDeadLetteredAndTheStreamGoesOn() {
        input.pipeInput("a", "first");
        input.pipeInput("b", "bad");
        input.pipeInput("c", "third");

        KeyValueStore<String, String> store = driver.getKeyValueStore("store");
        assertThat(store.get("a")).isEqualTo("first");
        assertThat(store.get("b")).isNull();
        assertThat(store.get("c")).isEqualTo("third");
        assertThat(deadLetters.history()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("dlq.test-stage");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("bad");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.ERROR_CODE)).isEqualTo("SCHEMA_VIOLATION");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.ERROR_MESSAGE))
                    .isEqualTo("Unreadable record: UnreadableRecordException: Unknown magic byte 0x62");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.ERROR_STAGE)).isEqualTo("test-stage");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.SOURCE_TOPIC)).isEqualTo("in");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(ExchangeHeaders.get(dead.headers(), ExchangeHeaders.SOURCE_OFFSET)).isEqualTo("1");
        });
        assertThat(StreamsHealth.of(application).current()).isEmpty();
    }

    @Test
    void aRegistryOutageStopsTheStreamAtTheRecordWithNothingDeadLettered() {
        StreamsHealth.of(application).trackCommits();
        input.pipeInput("a", "first");

        assertThatThrownBy(() -> input.pipeInput("b", "down"))
                .isInstanceOf(StreamsException.class)
                .hasRootCauseInstanceOf(SchemaRegistryUnavailableException.class);

        assertThat(deadLetters.history()).isEmpty();
        assertThat(driver.<String, String>getKeyValueStore("store").get("b")).isNull();
        assertThat(StreamsHealth.of(application).current()).hasValueSatisfying(p -> assertThat(p.reason())
                .isEqualTo("record in-0@1 held back: SchemaRegistryUnavailableException: Schema registry unreachable"));
    }

    /** Strings, except "bad" (unreadable bytes) and "down" (the registry is unreachable). */
    private static Serde<String> picky() {
        Deserializer<String> deserializer = (topic, data) -> {
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.equals("bad")) {
                throw new UnreadableRecordException("Unknown magic byte 0x62");
            }
            if (text.equals("down")) {
                throw new SchemaRegistryUnavailableException("Schema registry unreachable", null);
            }
            return text;
        };
        return Serdes.serdeFrom(new StringSerializer(), deserializer);
    }
}
