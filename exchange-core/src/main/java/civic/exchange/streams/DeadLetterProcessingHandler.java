package civic.exchange.streams;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.serde.UnreadableRecordException;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record a processor throws on goes to the stage's dead-letter topic as it was consumed (the
 * source record's bytes) and the stream goes on; an infrastructure failure stops the stream
 * ({@code FAIL}) and the record is processed again. A failure outside any record (a punctuation)
 * has nothing to dead-letter and stops the stream. Configured by {@link StreamsSafetyNet#settings}.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private FailedRecordRouter router;

    public DeadLetterProcessingHandler() {
    }

    DeadLetterProcessingHandler(FailedRecordRouter router) {
        this.router = router;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        router = FailedRecordRouter.fromConfigs(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return router.route(FailedRecord.of(context), exception, code(exception)) == FailedRecordRouter.Outcome.DEAD_LETTERED
                ? ProcessingHandlerResponse.CONTINUE
                : ProcessingHandlerResponse.FAIL;
    }

    static ErrorCode code(Exception exception) {
        if (exception instanceof RecordRejectedException rejected) {
            return rejected.code();
        }
        if (exception instanceof UnreadableRecordException) {
            return ErrorCode.UNREADABLE_RECORD;
        }
        return ErrorCode.INTERNAL_ERROR;
    }
}
