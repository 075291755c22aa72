package civic.exchange.connectors.publish;

import civic.exchange.catalog.Dataset;
import java.time.Instant;
import java.util.List;

/**
 * Records that go on a dataset's raw topic together or not at all.
 *
 * @param dataset       where the records go ({@link Dataset#rawTopic()})
 * @param correlationId shared by every record of the batch
 * @param ingestedAt    when the bus accepted the batch
 * @param records       in order; at least one
 * @param companions    records of other topics committed in the same transaction, after the batch's
 *                      (e.g. the answer to the request's Idempotency-Key); often none
 */
public record RawBatch(Dataset dataset, String correlationId, Instant ingestedAt, List<RawRecord> records,
                       List<CompanionRecord> companions) {

    public RawBatch {
        records = List.copyOf(records);
        companions = List.copyOf(companions);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("A raw batch holds at least one record");
        }
    }

    public RawBatch(Dataset dataset, String correlationId, Instant ingestedAt, List<RawRecord> records) {
        this(dataset, correlationId, ingestedAt, records, List.of());
    }

    public String topic() {
        return dataset.rawTopic();
    }
}
