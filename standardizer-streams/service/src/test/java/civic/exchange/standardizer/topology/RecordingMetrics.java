package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Metrics that write down every event as a line of text, for tests to assert on. */
public final class RecordingMetrics implements StandardizerMetrics {

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** What happened so far, in order: "standardized d/s", "rejected d/s CODE", "unknown spec field code", "dropped spec field CODE". */
    public List<String> events() {
        return events;
    }

    @Override
    public void standardized(Dataset dataset) {
        events.add("standardized " + dataset.qualifiedId());
    }

    @Override
    public void rejected(Dataset dataset, ErrorCode code) {
        events.add("rejected " + dataset.qualifiedId() + " " + code);
    }

    @Override
    public void duplicate(Dataset dataset) {
        events.add("duplicate " + dataset.qualifiedId());
    }

    @Override
    public void unknownCode(String spec, String field, String code) {
        events.add("unknown " + spec + " " + field + " " + code);
    }

    @Override
    public void invalidValue(String spec, String field, ErrorCode code) {
        events.add("dropped " + spec + " " + field + " " + code);
    }
}
