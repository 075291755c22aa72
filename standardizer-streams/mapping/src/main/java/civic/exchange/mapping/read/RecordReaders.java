package civic.exchange.mapping.read;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.DatasetFormat;

/**
 * The reader of each dataset format (json, jsonl, csv, ngsi-ld, ngsi-v2, geojson). Readers of the
 * formats without options are shared; a CSV reader is made per spec, with its options.
 */
public final class RecordReaders {

    private static final RecordReader JSON = new JsonRecordReader(DatasetFormat.JSON);
    private static final RecordReader JSONL = new JsonRecordReader(DatasetFormat.JSONL);
    private static final RecordReader NGSI_LD = new NgsiLdRecordReader();
    private static final RecordReader NGSI_V2 = new NgsiV2RecordReader();
    private static final RecordReader GEOJSON = new GeoJsonRecordReader();

    private RecordReaders() {
    }

    /** The reader of a format; CSV with its default options (comma, double quote, header row in the record). */
    public static RecordReader forFormat(DatasetFormat format) {
        return forFormat(format, CsvLayout.DEFAULT);
    }

    /** Every format has one: a format added to the catalog's list does not compile until it has a reader. */
    public static RecordReader forFormat(DatasetFormat format, CsvLayout csv) {
        return switch (format) {
            case JSON -> JSON;
            case JSONL -> JSONL;
            case NGSI_LD -> NGSI_LD;
            case NGSI_V2 -> NGSI_V2;
            case GEOJSON -> GEOJSON;
            case CSV -> new CsvRecordReader(csv);
        };
    }
}
