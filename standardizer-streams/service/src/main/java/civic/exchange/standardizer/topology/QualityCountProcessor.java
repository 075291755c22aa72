package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.standardizer.quality.OptionalFields;
import civic.exchange.standardizer.quality.QualityCounters;
import civic.exchange.standardizer.quality.QualitySnapshot;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts every outcome of one dataset in its task's counter store, and on a wall-clock schedule
 * sends the task's cumulative counters on, keyed by dataset, to be added up with the other
 * partitions' into the dataset's report. A snapshot goes out when something was counted since the
 * last one, and once after every start, so an idle dataset still reports.
 */
final class QualityCountProcessor extends ContextualProcessor<byte[], Outcome, String, QualitySnapshot> {

    private final Dataset dataset;
    private final String storeName;
    private final OptionalFields optionalFields;
    private final Duration interval;
    private QualityCounters counters;
    /** In memory on purpose: after a restart the first punctuation always reports. */
    private boolean changed = true;

    QualityCountProcessor(Dataset dataset, String storeName, OptionalFields optionalFields, Duration interval) {
        this.dataset = dataset;
        this.storeName = storeName;
        this.optionalFields = optionalFields;
        this.interval = interval;
    }

    @Override
    public void init(ProcessorContext<String, QualitySnapshot> context) {
        super.init(context);
        KeyValueStore<String, Long> store = context.getStateStore(storeName);
        counters = new QualityCounters(store, optionalFields);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::report);
    }

    @Override
    public void process(Record<byte[], Outcome> record) {
        if (record.value() instanceof Outcome.Canonical c) {
            counters.canonical(c.record(), c.notes(), c.link());
        } else if (record.value() instanceof Outcome.Rejected r) {
            counters.rejected(r.code(), r.field(), r.notes());
        } else {
            counters.duplicate();
        }
        changed = true;
    }

    private void report(long now) {
        if (!changed) {
            return;
        }
        int partition = context().taskId().partition();
        context().forward(new Record<>(dataset.qualifiedId(),
                new QualitySnapshot(dataset.qualifiedId(), partition, counters.snapshot()), now));
        changed = false;
    }
}
