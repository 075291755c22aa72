package civic.exchange.streams.failure;

import civic.exchange.errors.ErrorCode;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose bytes cannot be read goes to the dead-letter topic, untouched, and the stream goes
 * on; a record that cannot be read because the registry is unavailable fails the thread, to be read
 * again when it is back.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterWriter dlq;
    private StreamsHealth health;

    @Override
    public void configure(Map<String, ?> configs) {
        dlq = DeadLetterWriter.forConfig(configs);
        health = StreamsHealth.of(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)));
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        if (FailureKind.of(exception) == FailureKind.INFRASTRUCTURE) {
            String reason = "Cannot read " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": "
                    + FailureKind.describe(exception);
            health.heldBack(record.topic(), record.partition(), record.offset(), FailureKind.describe(exception));
            LOG.error("{}; the stream thread stops and retries", reason, exception);
            return DeserializationHandlerResponse.FAIL;
        }
        try {
            dlq.send(record.key(), record.value(), record.headers(), ErrorCode.SCHEMA_VIOLATION,
                    "Unreadable record: " + FailureKind.describe(exception), record.topic(), record.partition(), record.offset());
        } catch (DeadLetterFailedException e) {
            health.heldBack(record.topic(), record.partition(), record.offset(), e.getMessage());
            LOG.error("{}; the stream thread stops and retries", e.getMessage(), e);
            return DeserializationHandlerResponse.FAIL;
        }
        return DeserializationHandlerResponse.CONTINUE;
    }
}
