package civic.exchange.streams.failure;

import civic.exchange.errors.ErrorCode;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception a processor throws for a record sends the record that started it (the sub-topology's
 * source record, as read) to the dead-letter topic, and the stream goes on; one caused by the
 * infrastructure fails the thread, so the record is processed again once it is back.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterWriter dlq;
    private StreamsHealth health;

    @Override
    public void configure(Map<String, ?> configs) {
        dlq = DeadLetterWriter.forConfig(configs);
        health = StreamsHealth.of(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)));
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String where = context.topic() + "-" + context.partition() + "@" + context.offset() + " in " + context.processorNodeId();
        if (FailureKind.of(exception) == FailureKind.INFRASTRUCTURE) {
            String reason = "Cannot process " + where + ": " + FailureKind.describe(exception);
            holdBack(context, reason);
            LOG.error("{}; the stream thread stops and retries", reason, exception);
            return ProcessingHandlerResponse.FAIL;
        }
        LOG.warn("Failed processing {}", where, exception);
        try {
            // Null in a punctuation, which has no source record: then there is nothing to set aside.
            if (context.sourceRawValue() != null || context.sourceRawKey() != null) {
                dlq.send(context.sourceRawKey(), context.sourceRawValue(), context.headers(), ErrorCode.INTERNAL_ERROR,
                        "Failed in " + context.processorNodeId() + ": " + FailureKind.describe(exception),
                        context.topic(), context.partition(), context.offset());
            }
        } catch (DeadLetterFailedException e) {
            holdBack(context, e.getMessage());
            LOG.error("{}; the stream thread stops and retries", e.getMessage(), e);
            return ProcessingHandlerResponse.FAIL;
        }
        return ProcessingHandlerResponse.CONTINUE;
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
