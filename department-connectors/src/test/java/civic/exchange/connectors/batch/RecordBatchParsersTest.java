package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.connectors.batch.csv.CsvRecordBatchParser;
import civic.exchange.connectors.batch.json.JsonRecordBatchParser;
import civic.exchange.errors.ErrorCode;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class RecordBatchParsersTest {

    private static final Dataset STREETLIGHTS = new Dataset("lighting", "streetlights", "test", DatasetFormat.NGSI_LD,
            StandardCharsets.UTF_8, CanonicalEntity.FACILITY, "lighting/streetlights");
    private static final Dataset MYLA311 = new Dataset("hotline", "myla311", "test", DatasetFormat.CSV,
            StandardCharsets.UTF_8, CanonicalEntity.SERVICE_REQUEST, "hotline/myla311");

    private final RecordBatchParsers parsers = new RecordBatchParsers(List.of(new JsonRecordBatchParser()));
    private final RecordBatchParsers withCsv = new RecordBatchParsers(List.of(new JsonRecordBatchParser(), new CsvRecordBatchParser()));

    @Test
    void findsTheParserForJsonTypes() {
        assertThat(parsers.find(ContentType.parse("application/x-ndjson").orElseThrow())).isPresent();
        assertThat(parsers.find(ContentType.JSON)).containsInstanceOf(JsonRecordBatchParser.class);
    }

    @Test
    void unknownTypeIsUnsupportedAndListsWhatIsAccepted() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> parsers.require(ContentType.parse("text/csv").orElseThrow()));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.getMessage()).contains("text/csv").contains("application/json");
        assertThat(e.details()).containsEntry("contentType", "text/csv").containsKey("supported");
    }

    @Test
    void aCsvBodyForAJsonDatasetIsRefusedWithTheTypesThatDatasetTakes() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> withCsv.require(ContentType.parse("text/csv").orElseThrow(), STREETLIGHTS));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.getMessage()).contains("lighting/streetlights").contains("ngsi-ld").contains("application/ld+json");
        assertThat(e.details()).containsEntry("contentType", "text/csv").containsEntry("format", "ngsi-ld");
        assertThat(e.details().get("supported")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("application/ld+json").doesNotContain("text/csv");
    }

    @Test
    void aJsonBodyForACsvDatasetIsRefused() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> withCsv.require(ContentType.parse("application/x-ndjson").orElseThrow(), MYLA311));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.getMessage()).contains("hotline/myla311").contains("published as csv").contains("text/csv");
        assertThat(e.details()).containsEntry("format", "csv").containsEntry("supported", List.of("text/csv"));
    }

    @Test
    void anUnknownTypeForACsvDatasetNamesTextCsv() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> withCsv.require(ContentType.parse("application/x-www-form-urlencoded").orElseThrow(), MYLA311));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.details()).containsEntry("supported", List.of("text/csv"));
    }

    @Test
    void eachFormatFindsItsParser() {
        assertThat(withCsv.require(ContentType.parse("text/csv; charset=utf-8").orElseThrow(), MYLA311))
                .isInstanceOf(CsvRecordBatchParser.class);
        assertThat(withCsv.require(ContentType.parse("application/ld+json").orElseThrow(), STREETLIGHTS))
                .isInstanceOf(JsonRecordBatchParser.class);
    }

    @Test
    void withoutAContentTypeABodyIsReadInTheDatasetsUsualType() {
        assertThat(withCsv.defaultContentType(MYLA311).mediaType()).isEqualTo("text/csv");
        assertThat(withCsv.defaultContentType(STREETLIGHTS)).isEqualTo(ContentType.JSON);
        assertThat(parsers.defaultContentType(MYLA311)).as("no csv parser: JSON, refused later").isEqualTo(ContentType.JSON);
    }
}
