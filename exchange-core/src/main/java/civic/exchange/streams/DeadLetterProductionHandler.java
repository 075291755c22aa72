package civic.exchange.streams;

import civic.exchange.errors.ErrorCode;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * What a stream writes and cannot: a value its serializer refuses ({@link ErrorCode#SCHEMA_VIOLATION})
 * or a record the broker refuses for good (too large: {@link ErrorCode#PAYLOAD_TOO_LARGE}) sends the
 * source record to the stage's dead-letter topic and the stream goes on. A transient send failure is
 * retried ({@code RETRY}); any other infrastructure failure (the registry down while serializing,
 * access refused) stops the stream ({@code FAIL}) so the record is processed again. Configured by
 * {@link StreamsSafetyNet#settings}.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private FailedRecordRouter router;

    public DeadLetterProductionHandler() {
    }

    DeadLetterProductionHandler(FailedRecordRouter router) {
        this.router = router;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        router = FailedRecordRouter.fromConfigs(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandlerResponse.RETRY;
        }
        ErrorCode code = exception instanceof RecordTooLargeException ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.INTERNAL_ERROR;
        return respond(router.route(source(context, record), exception, code));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
            Exception exception, SerializationExceptionOrigin origin) {
        return respond(router.route(FailedRecord.of(context), exception, ErrorCode.SCHEMA_VIOLATION));
    }

    /** The source record; what was being written if Kafka Streams kept no source bytes. */
    private static FailedRecord source(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> written) {
        FailedRecord source = FailedRecord.of(context);
        if (source.value() == null && source.key() == null) {
            return new FailedRecord(source.topic(), source.partition(), source.offset(), source.timestamp(),
                    written.key(), written.value(), written.headers());
        }
        return source;
    }

    private static ProductionExceptionHandlerResponse respond(FailedRecordRouter.Outcome outcome) {
        return outcome == FailedRecordRouter.Outcome.DEAD_LETTERED
                ? ProductionExceptionHandlerResponse.CONTINUE
                : ProductionExceptionHandlerResponse.FAIL;
    }
}
