package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class RecordCharsetsTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void theRecordsContentTypeSaysHowItIsEncodedElseTheDatasetDoes() {
        assertThat(RecordCharsets.parse("application/json", GBK)).as("JSON is UTF-8").isEqualTo(StandardCharsets.UTF_8);
        assertThat(RecordCharsets.parse("application/ld+json", GBK)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(RecordCharsets.parse("Application/JSON; charset=\"GBK\"", StandardCharsets.UTF_8)).isEqualTo(GBK);
        assertThat(RecordCharsets.parse("text/csv; charset=GBK", StandardCharsets.UTF_8)).isEqualTo(GBK);
        assertThat(RecordCharsets.parse("text/csv;charset=iso-8859-1", GBK)).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(RecordCharsets.parse("text/csv", GBK)).isEqualTo(GBK);
        assertThat(RecordCharsets.parse("text/csv; charset=NOT-A-CHARSET", GBK)).isEqualTo(GBK);
    }

    @Test
    void withoutTheHeaderTheDatasetsEncodingHoldsAndAHeaderSeenBeforeIsNotParsedAgain() {
        RecordCharsets charsets = new RecordCharsets();
        assertThat(charsets.of(null, GBK)).isEqualTo(GBK);
        assertThat(charsets.of(new RecordHeader("exchange.content-type", null), GBK)).isEqualTo(GBK);

        RecordHeader json = new RecordHeader("exchange.content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        assertThat(charsets.of(json, GBK)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(charsets.of(new RecordHeader("exchange.content-type", "application/json".getBytes(StandardCharsets.UTF_8)), GBK))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(charsets.of(new RecordHeader("exchange.content-type", "text/csv".getBytes(StandardCharsets.UTF_8)), GBK))
                .as("another header is parsed").isEqualTo(GBK);
        assertThat(charsets.of(new RecordHeader("exchange.content-type", "text/csv".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.ISO_8859_1)).as("another dataset's encoding").isEqualTo(StandardCharsets.ISO_8859_1);
    }
}
