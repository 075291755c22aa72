package civic.exchange.streams.failure;

import civic.exchange.errors.ErrorCode;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a sink cannot serialize sends its source record to the dead-letter topic and the stream
 * goes on, unless the serializer failed for want of the registry: then the thread fails and retries.
 *
 * <p>A record the broker refuses fails the thread: under exactly-once a failed send has already
 * doomed the transaction, so going on would not save the records around it. A service must keep
 * such records from being sent at all (the standardizer checks a canonical record's size against
 * its topic's limit and sends an oversized one to its DLQ inside the transaction).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterWriter dlq;
    private StreamsHealth health;

    @Override
    public void configure(Map<String, ?> configs) {
        dlq = DeadLetterWriter.forConfig(configs);
        health = StreamsHealth.of(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)));
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        String reason = "Cannot write to " + record.topic() + " (from " + context.topic() + "-" + context.partition() + "@"
                + context.offset() + "): " + FailureKind.describe(exception);
        if (FailureKind.of(exception) == FailureKind.INFRASTRUCTURE) {
            holdBack(context, reason);
        }
        LOG.error("{}; the stream thread stops and retries", reason, exception);
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                                                                           Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        String where = context.topic() + "-" + context.partition() + "@" + context.offset();
        if (FailureKind.of(exception) == FailureKind.INFRASTRUCTURE) {
            String reason = "Cannot serialize for " + record.topic() + " (from " + where + "): " + FailureKind.describe(exception);
            holdBack(context, reason);
            LOG.error("{}; the stream thread stops and retries", reason, exception);
            return ProductionExceptionHandlerResponse.FAIL;
        }
        try {
            dlq.send(context.sourceRawKey(), context.sourceRawValue(), context.headers(), ErrorCode.SCHEMA_VIOLATION,
                    "Cannot serialize the " + origin.name().toLowerCase() + " for " + record.topic() + ": "
                            + FailureKind.describe(exception), context.topic(), context.partition(), context.offset());
        } catch (DeadLetterFailedException e) {
            holdBack(context, e.getMessage());
            LOG.error("{}; the stream thread stops and retries", e.getMessage(), e);
            return ProductionExceptionHandlerResponse.FAIL;
        }
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    /** The source record is read again: held back against readiness, or just a failure outside any record. */
    private void holdBack(ErrorHandlerContext context, String reason) {
        if (context.topic() != null && context.offset() >= 0) {
            health.heldBack(context.topic(), context.partition(), context.offset(), reason);
        } else {
            health.infrastructureFailed(reason);
        }
    }
}
