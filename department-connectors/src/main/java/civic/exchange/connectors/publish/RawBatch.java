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
 */
public record RawBatch(Dataset dataset, String correlationId, Instant ingestedAt, List<RawRecord> records) {

    public RawBatch {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("A raw batch holds at least one record");
        }
    }

    public String topic() {
        return dataset.rawTopic();
    }
}
