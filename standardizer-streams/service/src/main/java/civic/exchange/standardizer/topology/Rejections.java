package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ErrorHeaders;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.standardizer.quality.RecordNotes;
import civic.exchange.topics.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a raw record refused on its way to a canonical topic into a rejected outcome, bound for the
 * DLQ: the raw record, untouched, with the reason, the spec and the source coordinates in its
 * error headers.
 */
final class Rejections {

    private final Dataset dataset;
    private final MappingSpec spec;
    private final StandardizerMetrics metrics;

    Rejections(Dataset dataset, MappingSpec spec, StandardizerMetrics metrics) {
        this.dataset = dataset;
        this.spec = spec;
        this.metrics = metrics;
    }

    /**
     * @param field the source (or canonical) field at fault; null when the record as a whole is
     * @param notes what mapping noticed before the record was refused
     */
    void forward(ProcessorContext<byte[], Outcome> context, Outcome.Source source, long timestamp, ErrorCode code,
                 String field, String message, RecordNotes notes) {
        Headers headers = new RecordHeaders(source.headers().toArray());
        ErrorHeaders.put(headers, code, message, field, Topics.STAGE_STANDARDIZER, source.topic(), source.partition(),
                source.offset());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC, spec.id());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC_VERSION, Integer.toString(spec.version()));
        context.forward(new Record<>(source.key(), new Outcome.Rejected(source.value(), code, field, notes), timestamp, headers));
        metrics.rejected(dataset, code);
    }
}
