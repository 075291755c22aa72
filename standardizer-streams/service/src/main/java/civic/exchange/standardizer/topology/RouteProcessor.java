package civic.exchange.standardizer.topology;

import civic.exchange.standardizer.link.FacilityXref;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends each outcome of one dataset straight to the sinks it belongs in, by their names: a canonical
 * record to the canonical topic (and, for facilities, its cross-reference entry to
 * {@code xref.facility} unless the task wrote that entry lately), a rejected record's raw payload
 * to the DLQ. One hop per sink: every
 * record passes here, so a split into branches and a mapping node per branch would cost each
 * record three more node visits for nothing.
 */
final class RouteProcessor extends ContextualProcessor<byte[], Outcome, Object, Object> {

    /** How many cross-reference keys each task remembers as written (a slot holds one key of about 150 bytes). */
    static final int RECENT_XREF_KEYS = 16_384;

    private final int recentXrefSlots;
    private final String department;
    private final String dataset;
    private final String canonicalSink;
    /** Null when the dataset does not publish facilities. */
    private final String xrefSink;
    private final String dlqSink;
    /**
     * Cross-reference keys this task wrote lately, in a direct-mapped table: a key's slot follows
     * from its hash and holds the last key written there. One array read per record, no entry objects,
     * bounded memory; two keys sharing a slot only cost a repeated (idempotent) write.
     */
    private String[] recentXrefKeys;

    RouteProcessor(String department, String dataset, String canonicalSink, String xrefSink, String dlqSink) {
        this(department, dataset, canonicalSink, xrefSink, dlqSink, RECENT_XREF_KEYS);
    }

    /** @param recentXrefSlots the size of the table of recently written keys, a power of two */
    RouteProcessor(String department, String dataset, String canonicalSink, String xrefSink, String dlqSink,
                   int recentXrefSlots) {
        if (Integer.bitCount(recentXrefSlots) != 1) {
            throw new IllegalArgumentException("The table of recent cross-reference keys needs a power of two slots, not "
                    + recentXrefSlots);
        }
        this.recentXrefSlots = recentXrefSlots;
        this.department = department;
        this.dataset = dataset;
        this.canonicalSink = canonicalSink;
        this.xrefSink = xrefSink;
        this.dlqSink = dlqSink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        super.init(context);
        // Also on a task's revival after a failed commit: entries of an aborted transaction must not stay.
        recentXrefKeys = new String[recentXrefSlots];
    }

    @Override
    public void process(Record<byte[], Outcome> record) {
        if (record.value() instanceof Outcome.Canonical canonical) {
            context().forward(record.withValue(canonical.encoded()), canonicalSink);
            if (xrefSink != null) {
                String key = FacilityXref.key(department, dataset, canonical.localId());
                // The canonical id follows from the key, so an entry written once stays right: a facility
                // re-published (every status update) needs no second one in the compacted topic.
                int slot = key.hashCode() & (recentXrefKeys.length - 1);
                if (!key.equals(recentXrefKeys[slot])) {
                    recentXrefKeys[slot] = key;
                    // A lookup entry: the canonical record's lineage headers would only be copied along.
                    context().forward(new Record<>(key, canonical.id(), record.timestamp(), new RecordHeaders()), xrefSink);
                }
            }
        } else if (record.value() instanceof Outcome.Rejected rejected) {
            context().forward(record.withValue(rejected.payload()), dlqSink);
        }
        // A duplicate goes nowhere: it is only counted.
    }
}
