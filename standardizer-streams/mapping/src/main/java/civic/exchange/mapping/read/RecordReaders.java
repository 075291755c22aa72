package civic.exchange.mapping.read;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.geo.GeoJson;
import java.util.Optional;
import java.util.Set;

/**
 * The input formats specs can name in {@code input.format}: json, jsonl, csv, ngsi-ld, ngsi-v2, geojson.
 * Readers of the formats without options are shared; a CSV reader is made per spec, with its options.
 */
public final class RecordReaders {

    public static final String CSV = "csv";

    private static final RecordReader JSON = new JsonRecordReader("json");
    private static final RecordReader JSONL = new JsonRecordReader("jsonl");
    private static final RecordReader NGSI_LD = new NgsiLdRecordReader();
    private static final RecordReader NGSI_V2 = new NgsiV2RecordReader();
    private static final RecordReader GEOJSON = new GeoJsonRecordReader();

    private RecordReaders() {
    }

    /** The reader of a format; CSV with its default options (comma, double quote, header row in the record). */
    public static Optional<RecordReader> forFormat(String format) {
        return forFormat(format, CsvOptions.DEFAULT);
    }

    public static Optional<RecordReader> forFormat(String format, CsvOptions csv) {
        if (format == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (format) {
            case "json" -> JSON;
            case "jsonl" -> JSONL;
            case "ngsi-ld" -> NGSI_LD;
            case "ngsi-v2" -> NGSI_V2;
            case GeoJson.FORMAT -> GEOJSON;
            case CSV -> new CsvRecordReader(csv);
            default -> null;
        });
    }

    /** The catalog's formats: each has a reader here. */
    public static Set<String> formats() {
        return ExchangeCatalog.FORMATS;
    }
}
