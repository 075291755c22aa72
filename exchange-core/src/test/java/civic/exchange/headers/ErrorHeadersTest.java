package civic.exchange.headers;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.errors.ErrorCode;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ErrorHeadersTest {

    @Test
    void replacesEveryErrorHeaderAndKeepsTheRecordsOwn() {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, "r-1");
        ErrorHeaders.put(headers, ErrorCode.OUT_OF_RANGE, "first", "height", "standardizer", "raw.parks.trees", 2, 40L);
        ErrorHeaders.put(headers, ErrorCode.RECORD_TOO_LARGE, "x".repeat(5000), null, "standardizer", "raw.parks.trees", 2, 41L);

        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.RECORD_ID)).isEqualTo("r-1");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.ERROR_CODE)).isEqualTo("RECORD_TOO_LARGE");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.ERROR_MESSAGE)).hasSize(ErrorHeaders.MAX_MESSAGE).endsWith("...");
        assertThat(headers.lastHeader(ExchangeHeaders.ERROR_FIELD)).isNull();
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(headers.headers(ExchangeHeaders.ERROR_CODE)).hasSize(1);
    }
}
