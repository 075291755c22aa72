package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class RecordCharsetsTest {

    private static final Charset GBK = Charset.forName("GBK");

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
