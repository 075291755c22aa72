package civic.exchange.streams;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.registry.SchemaRegistryUnavailableException;
import civic.exchange.serde.UnreadableRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The handlers' decisions and the dead letters they write, on a mock producer. */
class DeadLetterHandlersTest {

    private static final String SOURCE = "canonical.facility";
    private static final TopicPartition P2 = new TopicPartition(SOURCE, 2);
    private static final byte[] KEY = "facility-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0x7b, 0x22};

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final StreamsHealth health = new StreamsHealth(Clock.systemUTC());

    private FailedRecordRouter router() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(StreamsConfig.APPLICATION_ID_CONFIG, "handlers-test");
        configs.put(StreamsSafetyNet.DLQ_STAGE, "facility-events");
        configs.put(StreamsSafetyNet.DLQ_PRODUCER, producer);
        return new FailedRecordRouter(DeadLetterPublisher.fromConfigs(configs), health);
    }

    private static ConsumerRecord<byte[], byte[]> consumed() {
        RecordHeaders headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, "lighting");
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_FIELD, "left by an earlier stage");
        return new ConsumerRecord<>(SOURCE, 2, 41L, 1_700_000_000_000L, TimestampType.CREATE_TIME, KEY.length, VALUE.length,
                KEY, VALUE, headers, java.util.Optional.empty());
    }

    @Test
    void unreadableRecordIsDeadLetteredWithTheReasonAndItsCoordinatesAndTheStreamGoesOn() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler(router());

        DeserializationHandlerResponse response = handler.handle(context(), consumed(),
                new UnreadableRecordException("Unknown magic byte 0x7b in a record on topic 'canonical.facility'"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("dlq.facility-events");
            assertThat(dead.key()).isEqualTo(KEY);
            assertThat(dead.value()).isEqualTo(VALUE);
            assertThat(dead.timestamp()).isEqualTo(1_700_000_000_000L);
            assertThat(header(dead, ExchangeHeaders.ERROR_CODE)).isEqualTo("UNREADABLE_RECORD");
            assertThat(header(dead, ExchangeHeaders.ERROR_MESSAGE))
                    .isEqualTo("UnreadableRecordException: Unknown magic byte 0x7b in a record on topic 'canonical.facility'");
            assertThat(header(dead, ExchangeHeaders.ERROR_STAGE)).isEqualTo("facility-events");
            assertThat(header(dead, ExchangeHeaders.SOURCE_TOPIC)).isEqualTo(SOURCE);
            assertThat(header(dead, ExchangeHeaders.SOURCE_PARTITION)).isEqualTo("2");
            assertThat(header(dead, ExchangeHeaders.SOURCE_OFFSET)).isEqualTo("41");
            assertThat(header(dead, ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
            assertThat(header(dead, ExchangeHeaders.ERROR_FIELD)).isNull();
        });
        assertThat(health.problem()).isEmpty();
    }

    @Test
    void registryOutageStopsTheStreamAtTheRecordAndNothingIsDeadLettered() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler(router());

        DeserializationHandlerResponse response = handler.handle(context(), consumed(),
                new SchemaRegistryUnavailableException("Schema registry at http://r:8081 unreachable after 3 attempts", null));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.FAIL);
        assertThat(producer.history()).isEmpty();
        assertThat(health.problem()).hasValueSatisfying(p -> {
            assertThat(p.offset()).isEqualTo(41);
            assertThat(p.reason()).contains("unreachable after 3 attempts");
        });
    }

    @Test
    void aDeadLetterThatCannotBeWrittenHoldsTheRecordBack() {
        producer.sendException = new org.apache.kafka.common.errors.TopicAuthorizationException("Not authorized to access topics: [dlq.facility-events]");
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler(router());

        DeserializationHandlerResponse response = handler.handle(context(), consumed(), new UnreadableRecordException("bad"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.FAIL);
        assertThat(health.problem()).hasValueSatisfying(p ->
                assertThat(p.reason()).startsWith("cannot write its dead letter to dlq.facility-events: TopicAuthorizationException"));
    }

    @Test
    void processingFailureDeadLettersTheSourceBytesWithTheRejectionsCode() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler(router());

        ProcessingHandlerResponse response = handler.handle(context(), new Record<>("facility-1", "decoded", 0L),
                new RecordRejectedException(ErrorCode.OUT_OF_RANGE, "location", "latitude 91 is out of range"));

        assertThat(response).isEqualTo(ProcessingHandlerResponse.CONTINUE);
        assertThat(producer.history()).singleElement().satisfies(dead -> {
            assertThat(dead.value()).isEqualTo(VALUE);
            assertThat(header(dead, ExchangeHeaders.ERROR_CODE)).isEqualTo("OUT_OF_RANGE");
        });
        assertThat(DeadLetterProcessingHandler.code(new IllegalStateException())).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void processingFailureOfTheRegistryStopsTheStream() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler(router());

        assertThat(handler.handle(context(), new Record<>("k", "v", 0L),
                new SerializationException("store write", new SchemaRegistryUnavailableException(502, 502, "bad gateway"))))
                .isEqualTo(ProcessingHandlerResponse.FAIL);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void productionRetriesTransientFailuresAndDeadLettersWhatTheBrokerRefusesForGood() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler(router());
        ProducerRecord<byte[], byte[]> written = new ProducerRecord<>("canonical.facility", KEY, VALUE);

        assertThat(handler.handle(context(), written, new NotLeaderOrFollowerException("moving")))
                .isEqualTo(ProductionExceptionHandlerResponse.RETRY);
        assertThat(handler.handle(context(), written, new RecordTooLargeException("too large")))
                .isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(handler.handleSerializationException(context(), new ProducerRecord<>("out", "k", "v"),
                new SerializationException("Cannot encode"), SerializationExceptionOrigin.VALUE))
                .isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(handler.handleSerializationException(context(), new ProducerRecord<>("out", "k", "v"),
                new SchemaRegistryUnavailableException(503, 503, "down"), SerializationExceptionOrigin.VALUE))
                .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
        List<String> codes = producer.history().stream().map(r -> header(r, ExchangeHeaders.ERROR_CODE)).toList();
        assertThat(codes).containsExactly("PAYLOAD_TOO_LARGE", "SCHEMA_VIOLATION");
    }

    @Test
    void aFailureOutsideAnyRecordHasNothingToDeadLetterAndStopsTheStream() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler(router());

        assertThat(handler.handle(new Context(null, -1, -1, null, null), null, new IllegalStateException("punctuator bug")))
                .isEqualTo(ProcessingHandlerResponse.FAIL);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void theStageIsRequiredAndNamesTheTopic() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeadLetterPublisher.fromConfigs(
                        Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StreamsSafetyNet.DLQ_STAGE);
        assertThat(DeadLetterPublisher.fromConfigs(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "x",
                StreamsSafetyNet.DLQ_STAGE, "standardizer")).topic()).isEqualTo("dlq.standardizer");
        assertThat(DeadLetterPublisher.fromConfigs(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "x",
                StreamsSafetyNet.DLQ_STAGE, "standardizer", StreamsSafetyNet.DLQ_TOPIC, "dlq.other")).topic()).isEqualTo("dlq.other");
    }

    @Test
    void theDeadLetterProducerUsesTheApplicationsConnectionAndWritesAtOnce() {
        Map<String, Object> config = DeadLetterPublisher.producerConfig(Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "facility-events",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092",
                "security.protocol", "SASL_SSL",
                "producer.linger.ms", "100",
                "producer.max.block.ms", "5000",
                "commit.interval.ms", "1000"));

        assertThat(config).containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("max.block.ms", "5000")
                .containsEntry("linger.ms", 0)
                .containsEntry("acks", "all")
                .containsEntry("client.id", "facility-events-dead-letters")
                .doesNotContainKey("commit.interval.ms");
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }

    private static ErrorHandlerContext context() {
        return new Context(SOURCE, 2, 41L, KEY, VALUE);
    }

    /** The context Kafka Streams hands a handler, for the source record at canonical.facility-2@41. */
    private record Context(String topic, int partition, long offset, byte[] sourceRawKey, byte[] sourceRawValue)
            implements ErrorHandlerContext {

        @Override
        public org.apache.kafka.common.header.Headers headers() {
            return consumed().headers();
        }

        @Override
        public String processorNodeId() {
            return "facility-archive-source";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 1_700_000_000_000L;
        }
    }
}
