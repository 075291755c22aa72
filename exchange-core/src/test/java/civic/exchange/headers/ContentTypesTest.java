package civic.exchange.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void theRecordsContentTypeSaysHowItIsEncodedElseTheFallbackDoes() {
        assertThat(ContentTypes.charset("application/json", GBK)).as("JSON is UTF-8").isEqualTo(StandardCharsets.UTF_8);
        assertThat(ContentTypes.charset("application/ld+json", GBK)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ContentTypes.charset("Application/JSON; charset=\"GBK\"", StandardCharsets.UTF_8)).isEqualTo(GBK);
        assertThat(ContentTypes.charset("text/csv; charset=GBK", StandardCharsets.UTF_8)).isEqualTo(GBK);
        assertThat(ContentTypes.charset("text/csv;charset=iso-8859-1", GBK)).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(ContentTypes.charset("text/csv; charset=windows-1252", GBK)).isEqualTo(Charset.forName("windows-1252"));
        assertThat(ContentTypes.charset("text/csv", GBK)).isEqualTo(GBK);
        assertThat(ContentTypes.charset("text/csv; charset=NOT-A-CHARSET", GBK)).isEqualTo(GBK);
        assertThat(ContentTypes.charset(null, GBK)).as("no header").isEqualTo(GBK);
    }
}
