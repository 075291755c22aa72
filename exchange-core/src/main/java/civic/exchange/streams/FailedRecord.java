package civic.exchange.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * The source record a stream could not get through, as it was consumed: where it came from and its
 * bytes. A failure outside any record (a punctuation) has no topic.
 */
record FailedRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {

    static FailedRecord of(ConsumerRecord<byte[], byte[]> record) {
        return new FailedRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), record.headers());
    }

    /** The source record of the context, its raw bytes as Kafka Streams kept them. */
    static FailedRecord of(ErrorHandlerContext context) {
        return new FailedRecord(context.topic(), context.partition(), context.offset(), context.timestamp(),
                context.sourceRawKey(), context.sourceRawValue(),
                context.headers() == null ? new RecordHeaders() : context.headers());
    }

    boolean hasSource() {
        return topic != null;
    }

    String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
