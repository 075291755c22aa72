package civic.exchange.topics;

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

    public static final String FACILITY = "facility";
    public static final String SERVICE_REQUEST = "service-request";
    public static final String WORK_ORDER = "work-order";
    public static final String OBSERVATION = "observation";

    public static final String STAGE_STANDARDIZER = "standardizer";
    public static final String STAGE_INGEST = "ingest";

    public static final String CANONICAL_FACILITY = canonical(FACILITY);
    public static final String CANONICAL_SERVICE_REQUEST = canonical(SERVICE_REQUEST);
    public static final String CANONICAL_WORK_ORDER = canonical(WORK_ORDER);
    public static final String CANONICAL_OBSERVATION = canonical(OBSERVATION);
    public static final String DLQ_STANDARDIZER = dlq(STAGE_STANDARDIZER);
    /** Compacted: key "department/dataset/localId" → canonical facility id. */
    public static final String XREF_FACILITY = xref(FACILITY);
    /** Periodic per-dataset quality reports of the standardizer, keyed "department/dataset". */
    public static final String QUALITY_DATASET = "quality.dataset";

    private Topics() {
    }

    public static String raw(String department, String dataset) {
        return "raw." + requireId(department, "department") + "." + requireId(dataset, "dataset");
    }

    public static String canonical(String entity) {
        return "canonical." + requireId(entity, "entity");
    }

    public static String restricted(String entity) {
        return "restricted." + requireId(entity, "entity");
    }

    public static String xref(String entity) {
        return "xref." + requireId(entity, "entity");
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
