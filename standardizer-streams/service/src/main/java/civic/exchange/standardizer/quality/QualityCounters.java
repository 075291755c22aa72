package civic.exchange.standardizer.quality;

import civic.exchange.errors.ErrorCode;
import civic.exchange.standardizer.link.LinkOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The quality counters of one dataset's records in one stream task (one raw partition), kept in a
 * state store: they change in the same transaction as the records they count, and a restarted
 * instance restores them from the store's changelog, so they are exact, never approximate.
 *
 * <p>Every raw record adds one to exactly one <em>outcome</em> counter ({@link Counter}):
 * <ul>
 *   <li>{@code out␟<link outcome>␟<optional fields present, comma-separated>} for a canonical record
 *       (its "shape": records of a dataset come in few shapes, so this stays small);</li>
 *   <li>{@code rejected␟<error code>␟<field at fault>} for a record sent to the DLQ;</li>
 *   <li>{@code duplicate} for a record whose record id was already standardized.</li>
 * </ul>
 * {@code out}, {@code rejected}, {@code duplicates}, {@code in = out + rejected + duplicates}, the completeness of each field and
 * the link outcomes are sums over these, so the invariant holds in every state of the store, and a
 * record costs one store update (plus one per unknown code or dropped value it carries).
 */
public final class QualityCounters {

    /** Distinct unknown codes counted per field; more are counted together, so a flood of garbage cannot grow the store. */
    public static final int MAX_CODES_PER_FIELD = 100;
    public static final String OTHER_CODES = "(other)";
    /** The field of a rejection that is about the record as a whole (unreadable, too large). */
    public static final String WHOLE_RECORD = "(record)";
    private static final int MAX_CODE_LENGTH = 100;

    private final KeyValueStore<String, Long> store;
    private final OptionalFields optionalFields;
    /** The store's counters, read once: a record then costs one store write and no read. */
    private final Map<String, Long> values = new HashMap<>();
    /** Outcome counter names by link outcome and bit set of the optional fields present. */
    private final Map<Long, String> outCounters = new HashMap<>();

    /** Reads the counters the store holds (restored from its changelog after a restart). */
    public QualityCounters(KeyValueStore<String, Long> store, OptionalFields optionalFields) {
        this.store = store;
        this.optionalFields = optionalFields;
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                values.put(entry.key, entry.value);
            }
        }
    }

    /** A record standardized into {@code record}. */
    public void canonical(SpecificRecord record, RecordNotes notes, LinkOutcome link) {
        List<OptionalFields.Field> fields = optionalFields.fields();
        if (fields.size() < Long.SIZE - 8) {
            long present = 0;
            for (int i = 0; i < fields.size(); i++) {
                if (record.get(fields.get(i).position()) != null) {
                    present |= 1L << i;
                }
            }
            long shape = (present << 8) | link.ordinal();
            String counter = outCounters.get(shape);
            if (counter == null) {
                counter = outCounter(record, link);
                outCounters.put(shape, counter);
            }
            add(counter);
        } else {
            add(outCounter(record, link));
        }
        notes(notes);
    }

    private String outCounter(SpecificRecord record, LinkOutcome link) {
        StringBuilder present = new StringBuilder();
        for (OptionalFields.Field field : optionalFields.fields()) {
            if (record.get(field.position()) != null) {
                present.append(present.isEmpty() ? "" : ",").append(field.name());
            }
        }
        return Counter.out(link, present.toString());
    }

    /** A record sent to the DLQ with {@code code}, about {@code field} (null: the whole record). */
    public void rejected(ErrorCode code, String field, RecordNotes notes) {
        add(Counter.rejected(code, field == null ? WHOLE_RECORD : field));
        notes(notes);
    }

    /** A record dropped because its record id was already standardized. */
    public void duplicate() {
        add(Counter.DUPLICATE);
    }

    /** Every counter of this task, by name. */
    public SortedMap<String, Long> snapshot() {
        return new TreeMap<>(values);
    }

    private void notes(RecordNotes notes) {
        for (RecordNotes.DroppedValue dropped : notes.droppedValues()) {
            add(Counter.dropped(dropped.field(), dropped.code()));
        }
        for (UnknownCode unknown : notes.unknownCodes()) {
            String code = unknown.code() == null ? "" : unknown.code();
            if (code.length() > MAX_CODE_LENGTH) {
                code = code.substring(0, MAX_CODE_LENGTH);
            }
            String key = Counter.unknown(unknown.field(), code);
            if (!values.containsKey(key)) {
                String distinct = Counter.unknownDistinct(unknown.field());
                if (value(distinct) >= MAX_CODES_PER_FIELD) {
                    key = Counter.unknown(unknown.field(), OTHER_CODES);
                } else {
                    add(distinct);
                }
            }
            add(key);
        }
    }

    private void add(String counter) {
        long value = value(counter) + 1;
        values.put(counter, value);
        store.put(counter, value);
    }

    private long value(String counter) {
        Long value = values.get(counter);
        return value == null ? 0L : value;
    }

    /**
     * Counter names. Parts are joined with the unit separator (U+001F), which no field name, error
     * code or sensible department code contains.
     */
    public static final class Counter {

        public static final String SEPARATOR = "\u001f";
        /** A canonical record: link outcome, optional fields present. */
        public static final String OUT = "out";
        /** A rejected record: error code, field at fault. */
        public static final String REJECTED = "rejected";
        /** A record already standardized under its record id: no further parts. */
        public static final String DUPLICATE = "duplicate";
        /** A code mapped to the fallback symbol: canonical field, code. */
        public static final String UNKNOWN = "unknown";
        /** How many distinct codes of a field have their own counter (bookkeeping, not reported). */
        public static final String UNKNOWN_DISTINCT = "unknown-distinct";
        /** A value dropped as invalid: source field, error code. */
        public static final String DROPPED = "dropped";

        private Counter() {
        }

        public static String out(LinkOutcome link, String presentFields) {
            return OUT + SEPARATOR + link.name() + SEPARATOR + presentFields;
        }

        public static String rejected(ErrorCode code, String field) {
            return REJECTED + SEPARATOR + code.name() + SEPARATOR + field;
        }

        static String unknown(String field, String code) {
            return UNKNOWN + SEPARATOR + field + SEPARATOR + code;
        }

        static String unknownDistinct(String field) {
            return UNKNOWN_DISTINCT + SEPARATOR + field;
        }

        static String dropped(String field, ErrorCode code) {
            return DROPPED + SEPARATOR + field + SEPARATOR + code.name();
        }

        /** The parts of a counter name: its kind, then two more (the last may be empty). */
        public static String[] parts(String counter) {
            String[] parts = counter.split(SEPARATOR, 3);
            return parts.length == 3 ? parts : new String[] {parts[0], parts.length > 1 ? parts[1] : "", ""};
        }
    }
}
