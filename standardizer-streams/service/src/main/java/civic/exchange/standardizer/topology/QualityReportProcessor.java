package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.standardizer.quality.DatasetQuality;
import civic.exchange.standardizer.quality.OptionalFields;
import civic.exchange.standardizer.quality.QualitySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds up one dataset's latest snapshot per raw partition into its {@code quality.dataset} report.
 * All snapshots of a dataset meet in one task (a single-partition repartition topic), which keeps
 * the latest of each partition in its store: a report is complete even right after a restart.
 */
final class QualityReportProcessor extends ContextualProcessor<String, QualitySnapshot, String, DatasetQuality> {

    private final Dataset dataset;
    private final MappingSpec spec;
    private final String storeName;
    private final List<String> optionalFields;
    private KeyValueStore<Integer, QualitySnapshot> latest;

    QualityReportProcessor(Dataset dataset, MappingSpec spec, String storeName, OptionalFields optionalFields) {
        this.dataset = dataset;
        this.spec = spec;
        this.storeName = storeName;
        this.optionalFields = optionalFields.names();
    }

    @Override
    public void init(ProcessorContext<String, DatasetQuality> context) {
        super.init(context);
        latest = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, QualitySnapshot> record) {
        QualitySnapshot snapshot = record.value();
        if (snapshot == null) {
            return;
        }
        latest.put(snapshot.partition(), snapshot);
        List<QualitySnapshot> all = new ArrayList<>();
        try (KeyValueIterator<Integer, QualitySnapshot> entries = latest.all()) {
            while (entries.hasNext()) {
                KeyValue<Integer, QualitySnapshot> entry = entries.next();
                all.add(entry.value);
            }
        }
        DatasetQuality report = DatasetQuality.of(dataset.qualifiedId(), spec.id(), spec.version(), spec.entity().id(),
                Instant.ofEpochMilli(record.timestamp()), all.size(), QualitySnapshot.sum(all), optionalFields);
        context().forward(new Record<>(dataset.qualifiedId(), report, record.timestamp()));
    }
}
