package civic.exchange.catalog;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a dataset's raw records are written: the catalog declares one per dataset, HTTP ingest splits
 * a body into records by it, and the standardizer reads each record with the reader for it.
 */
public enum DatasetFormat {

    /** One JSON value per record (a body may be an array of them). */
    JSON("json"),
    /** JSON Lines: one JSON value per line. */
    JSONL("jsonl"),
    /** Delimited text with a header row; one record per data row. */
    CSV("csv"),
    /** NGSI-LD entities, normalized or keyValues. */
    NGSI_LD("ngsi-ld"),
    /** NGSI v2 entities. */
    NGSI_V2("ngsi-v2"),
    /** GeoJSON features (a FeatureCollection is split into one record per feature). */
    GEOJSON("geojson");

    private final String id;

    DatasetFormat(String id) {
        this.id = id;
    }

    /** The name the catalog uses, e.g. {@code ngsi-ld}. */
    public String id() {
        return id;
    }

    public static Optional<DatasetFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    /** The catalog names of every format, for messages that list what is allowed. */
    public static String ids() {
        return Arrays.stream(values()).map(DatasetFormat::id).toList().toString();
    }

    @Override
    public String toString() {
        return id;
    }
}
