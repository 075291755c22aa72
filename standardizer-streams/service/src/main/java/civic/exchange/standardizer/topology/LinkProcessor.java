package civic.exchange.standardizer.topology;

import civic.exchange.mapping.api.LinkRule;
import civic.exchange.standardizer.link.FacilityLinker;
import civic.exchange.standardizer.link.FacilityXref;
import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.link.SpatialIndex;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Links the canonical records of one dataset to facilities, with the dataset's link rule, before
 * they are counted and written. Reads the global stores its rule needs (spatial index,
 * cross-reference), which every task sees whole; rejected records pass untouched.
 */
final class LinkProcessor extends ContextualProcessor<byte[], Outcome, byte[], Outcome> {

    private final LinkRule rule;
    private FacilityLinker linker;

    LinkProcessor(LinkRule rule) {
        this.rule = rule;
    }

    @Override
    public void init(ProcessorContext<byte[], Outcome> context) {
        super.init(context);
        // Only the stores the rule reads: the topology adds each only when some spec needs it.
        SpatialIndex index = rule.byProximity()
                ? new SpatialIndex(context.<KeyValueStore<String, String>>getStateStore(FacilityStores.SPATIAL_INDEX)) : null;
        FacilityXref xref = rule.reference().isPresent()
                ? new FacilityXref(context.<KeyValueStore<String, String>>getStateStore(FacilityStores.XREF)) : null;
        linker = new FacilityLinker(index, xref);
    }

    @Override
    public void process(Record<byte[], Outcome> record) {
        if (record.value() instanceof Outcome.Canonical canonical) {
            LinkOutcome outcome = linker.link(canonical.record(), rule);
            context().forward(record.withValue(canonical.withLink(outcome)));
        } else {
            context().forward(record);
        }
    }
}
