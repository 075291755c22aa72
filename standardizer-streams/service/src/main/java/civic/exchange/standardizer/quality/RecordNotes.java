package civic.exchange.standardizer.quality;

import civic.exchange.errors.ErrorCode;
import civic.exchange.mapping.api.MappingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * What mapping one record noticed without refusing it: codes mapped to a fallback symbol, values
 * dropped as invalid. Collected per record for the quality accounting, and passed on to the
 * service-wide listener (the metrics). One per record; not shared between threads.
 */
public final class RecordNotes implements MappingListener {

    /** A value a spec marks {@code invalid: drop} that could not be used: the record went on without it. */
    public record DroppedValue(String field, ErrorCode code) {
    }

    private final MappingListener next;
    private final List<UnknownCode> unknownCodes = new ArrayList<>(0);
    private final List<DroppedValue> droppedValues = new ArrayList<>(0);

    public RecordNotes(MappingListener next) {
        this.next = next;
    }

    /** Notes made outside a mapping (tests, records built by hand): none, forwarded nowhere. */
    public static RecordNotes none() {
        return new RecordNotes(MappingListener.NONE);
    }

    @Override
    public void unknownCode(String spec, String field, String code) {
        unknownCodes.add(new UnknownCode(field, code));
        next.unknownCode(spec, field, code);
    }

    @Override
    public void invalidValue(String spec, String field, ErrorCode code) {
        droppedValues.add(new DroppedValue(field, code));
        next.invalidValue(spec, field, code);
    }

    public List<UnknownCode> unknownCodes() {
        return List.copyOf(unknownCodes);
    }

    public List<DroppedValue> droppedValues() {
        return List.copyOf(droppedValues);
    }
}
