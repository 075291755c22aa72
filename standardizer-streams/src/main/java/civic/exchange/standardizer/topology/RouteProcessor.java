package civic.exchange.standardizer.topology;

import civic.exchange.standardizer.link.FacilityXref;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends each outcome of one dataset straight to the sinks it belongs in, by their names: a canonical
 * record to the canonical topic (and, for facilities, its cross-reference entry to
 * {@code xref.facility}), a rejected record's raw payload to the DLQ. One hop per sink: every
 * record passes here, so a split into branches and a mapping node per branch would cost each
 * record three more node visits for nothing.
 */
final class RouteProcessor extends ContextualProcessor<byte[], Outcome, Object, Object> {

    private final String department;
    private final String dataset;
    private final String canonicalSink;
    /** Null when the dataset does not publish facilities. */
    private final String xrefSink;
    private final String dlqSink;

    RouteProcessor(String department, String dataset, String canonicalSink, String xrefSink, String dlqSink) {
        this.department = department;
        this.dataset = dataset;
        this.canonicalSink = canonicalSink;
        this.xrefSink = xrefSink;
        this.dlqSink = dlqSink;
    }

    @Override
    public void process(Record<byte[], Outcome> record) {
        if (record.value() instanceof Outcome.Canonical canonical) {
            context().forward(record.withValue(canonical.record()), canonicalSink);
            if (xrefSink != null) {
                // A lookup entry: the canonical record's lineage headers would only be copied along.
                context().forward(new Record<>(FacilityXref.key(department, dataset, canonical.localId()), canonical.id(),
                        record.timestamp(), new RecordHeaders()), xrefSink);
            }
        } else {
            context().forward(record.withValue(((Outcome.Rejected) record.value()).payload()), dlqSink);
        }
    }
}
