package civic.exchange.streams;

import civic.exchange.errors.ErrorCode;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record whose bytes cannot be read goes to the stage's dead-letter topic
 * ({@link ErrorCode#UNREADABLE_RECORD}) and the stream goes on; a record that cannot be read because
 * the schema registry or the cluster failed stops the stream ({@code FAIL}) and is read again.
 * Configured by {@link StreamsSafetyNet#settings}.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private FailedRecordRouter router;

    public DeadLetterDeserializationHandler() {
    }

    DeadLetterDeserializationHandler(FailedRecordRouter router) {
        this.router = router;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        router = FailedRecordRouter.fromConfigs(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        return router.route(FailedRecord.of(record), exception, ErrorCode.UNREADABLE_RECORD) == FailedRecordRouter.Outcome.DEAD_LETTERED
                ? DeserializationHandlerResponse.CONTINUE
                : DeserializationHandlerResponse.FAIL;
    }
}
