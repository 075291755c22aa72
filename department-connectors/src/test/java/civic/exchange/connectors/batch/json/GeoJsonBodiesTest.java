package civic.exchange.connectors.batch.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.ContentType;
import civic.exchange.connectors.batch.ParseContext;
import civic.exchange.connectors.batch.ParsedRecord;
import civic.exchange.errors.ErrorCode;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GeoJSON bodies: a geojson dataset takes Features; a FeatureCollection is split into them. */
class GeoJsonBodiesTest {

    private static final Dataset BENCHES = new Dataset("parks", "benches", "test", DatasetFormat.GEOJSON,
            StandardCharsets.UTF_8, CanonicalEntity.FACILITY, "parks/benches");
    private static final Dataset JSON_DATASET = new Dataset("hotline", "open311-requests", "test", DatasetFormat.JSON,
            StandardCharsets.UTF_8, CanonicalEntity.SERVICE_REQUEST, "open311/georeport-v2");

    private static final String BENCH_1 = "{\"type\":\"Feature\",\"id\":\"B-1\",\"geometry\":{\"type\":\"Point\","
            + "\"coordinates\":[4.8952,52.3702]},\"properties\":{\"material\":\"hout\"}}";
    private static final String BENCH_2 = "{\"type\":\"Feature\",\"id\":2,\"geometry\":null,\"properties\":{\"material\":\"steen\"}}";
    private static final String COLLECTION = "{\"type\":\"FeatureCollection\",\"name\":\"BANKEN\",\"crs\":{\"type\":\"name\"},"
            + "\"features\":[\n" + BENCH_1 + ",\n" + BENCH_2 + "\n]}";

    private final JsonRecordBatchParser parser = new JsonRecordBatchParser();

    @Test
    void aFeatureCollectionIsOneRecordPerFeatureKeyedByTheFeatureId() {
        List<ParsedRecord> records = parse(BENCHES, "application/geo+json", COLLECTION);

        assertThat(records).extracting(ParsedRecord::index).containsExactly(0, 1);
        assertThat(records).extracting(ParsedRecord::localId).containsExactly("B-1", "2");
        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly(BENCH_1, BENCH_2);
    }

    @Test
    void featuresComeAloneAsAnArrayOrOnePerLine() {
        assertThat(parse(BENCHES, "application/geo+json", BENCH_1)).hasSize(1);
        assertThat(parse(BENCHES, "application/json", "[" + BENCH_1 + "," + BENCH_2 + "]")).hasSize(2);
        assertThat(parse(BENCHES, "application/x-ndjson", BENCH_1 + "\n" + BENCH_2 + "\n"))
                .extracting(ParsedRecord::localId).containsExactly("B-1", "2");
    }

    @Test
    void aGeojsonDatasetTakesNothingButFeatures() {
        BatchRejectedException notAFeature = reject(BENCHES, "[" + BENCH_1 + ",{\"id\":\"x\",\"material\":\"hout\"}]");
        assertThat(notAFeature.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(notAFeature.getMessage()).contains("Record 1 is an object without a GeoJSON type")
                .contains("parks/benches takes GeoJSON Features");
        assertThat(notAFeature.details()).containsEntry("recordIndex", 1);

        BatchRejectedException geometry = reject(BENCHES,
                "{\"type\":\"FeatureCollection\",\"features\":[" + BENCH_1 + ",{\"type\":\"Point\",\"coordinates\":[4.9,52.4]}]}");
        assertThat(geometry.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(geometry.getMessage()).contains("Feature 1 is a GeoJSON object of type 'Point'");
        assertThat(geometry.details()).containsEntry("recordIndex", 1);
    }

    @Test
    void aBrokenFeatureCollectionIsRefusedWithTheReason() {
        assertThat(reject(BENCHES, "{\"type\":\"FeatureCollection\"}").getMessage()).contains("no 'features' array");
        assertThat(reject(BENCHES, "{\"type\":\"FeatureCollection\",\"features\":{}}").code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(reject(BENCHES, "{\"type\":\"FeatureCollection\",\"features\":[]}").getMessage()).contains("holds no features");
        assertThat(reject(BENCHES, COLLECTION + "\n" + BENCH_1).getMessage()).contains("follows the FeatureCollection");
        assertThat(reject(BENCHES, BENCH_1 + "\n" + COLLECTION).getMessage()).contains("among other records");
        assertThat(reject(BENCHES, "[" + COLLECTION + "]").getMessage()).contains("among other records");
        assertThat(reject(BENCHES, "{\"type\":\"FeatureCollection\",\"features\":[" + BENCH_1 + ",]}").code())
                .isEqualTo(ErrorCode.MALFORMED_JSON);
    }

    @Test
    void aFeatureCollectionForAnotherFormatIsRefusedRatherThanTakenAsOneRecord() {
        BatchRejectedException e = reject(JSON_DATASET, COLLECTION);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.getMessage()).contains("GeoJSON FeatureCollection").contains("catalogued as json")
                .contains("format geojson");
        assertThat(parse(JSON_DATASET, "application/json", BENCH_1)).as("a lone Feature is an object like any other").hasSize(1);
    }

    @Test
    void theRecordLimitCountsFeatures() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> parser.parse(
                COLLECTION.getBytes(StandardCharsets.UTF_8),
                new ParseContext(BENCHES, ContentType.JSON, StandardCharsets.UTF_8, new BatchLimits(1_000_000, 1000, 1))));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("limit", 1);
    }

    private List<ParsedRecord> parse(Dataset dataset, String type, String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8),
                new ParseContext(dataset, ContentType.parse(type).orElseThrow(), StandardCharsets.UTF_8, BatchLimits.defaults()));
    }

    private BatchRejectedException reject(Dataset dataset, String body) {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> parse(dataset, "application/json", body));
        assertThat(e).as("rejection of %s", body).isNotNull();
        return e;
    }
}
