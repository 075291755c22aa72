package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.connectors.batch.json.JsonRecordBatchParser;
import civic.exchange.errors.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordBatchParsersTest {

    private final RecordBatchParsers parsers = new RecordBatchParsers(List.of(new JsonRecordBatchParser()));

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
}
