package civic.exchange.topics;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place topic names are made. Processing code never spells a topic: it asks here, or the
 * catalog, so renaming a convention is a one-line change.
 */
public final class Topics {

    // Declared first: the constants below are validated against it during class initialisation.
    /** Catalog ids (departments, datasets, entities) are lower-case words joined by dashes. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public static final String SCHEMAS = "_schemas";

    private static final String CANONICAL = "canonical.";
    private static final String RESTRICTED = "restricted.";

    /** The stage that writes {@link #DLQ_STANDARDIZER}; synchronous entry points answer 4xx instead of a DLQ. */
    public static final String STAGE_STANDARDIZER = "standardizer";

    public static final String DLQ_STANDARDIZER = dlq(STAGE_STANDARDIZER);
    /** The facility archive (facility-events): canonical records it cannot read go to {@link #DLQ_FACILITY_EVENTS}. */
    public static final String STAGE_FACILITY_EVENTS = "facility-events";
    public static final String DLQ_FACILITY_EVENTS = dlq(STAGE_FACILITY_EVENTS);
    /** Compacted: key "department/dataset/localId" → canonical facility id. */
    public static final String XREF_FACILITY = xref(CanonicalEntity.FACILITY);
    /** Periodic per-dataset quality reports of the standardizer, keyed "department/dataset". */
    public static final String QUALITY_DATASET = "quality.dataset";
    /**
     * Compacted: key "department/Idempotency-Key" → the first answer HTTP ingest gave that request
     * (JSON), written in the same transaction as the batch's records.
     */
    public static final String INGEST_IDEMPOTENCY = "ingest.idempotency";

    private Topics() {
    }

    public static String raw(String department, String dataset) {
        return "raw." + requireId(department, "department") + "." + requireId(dataset, "dataset");
    }

    public static String canonical(CanonicalEntity entity) {
        return CANONICAL + entity.id();
    }

    /** The fields of an entity that only cleared departments may read (citizens' names, phones, e-mails). */
    public static String restricted(CanonicalEntity entity) {
        return RESTRICTED + entity.id();
    }

    public static String xref(CanonicalEntity entity) {
        return "xref." + entity.id();
    }

    /**
     * The entity a department may subscribe to through {@code topic}: its {@code canonical.<entity>}
     * or {@code restricted.<entity>} topic; empty for any other topic.
     */
    public static Optional<CanonicalEntity> subscribable(String topic) {
        return Arrays.stream(CanonicalEntity.values())
                .filter(e -> canonical(e).equals(topic) || restricted(e).equals(topic))
                .findFirst();
    }

    public static String dlq(String stage) {
        return "dlq." + requireId(stage, "stage");
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static String requireId(String id, String what) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("Invalid " + what + " id '" + id + "': expected lower-case letters, digits and dashes");
        }
        return id;
    }
}
