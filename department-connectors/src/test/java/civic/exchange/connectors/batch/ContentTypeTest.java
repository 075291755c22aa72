package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypeTest {

    @Test
    void parsesTypeAndParameters() {
        ContentType type = ContentType.parse("Application/LD+JSON; Charset=\"utf-8\"; profile=x").orElseThrow();

        assertThat(type.mediaType()).isEqualTo("application/ld+json");
        assertThat(type.parameters()).containsEntry("charset", "utf-8").containsEntry("profile", "x");
        assertThat(type.charset()).contains(StandardCharsets.UTF_8);
        assertThat(type.suffix()).contains("json");
    }

    @Test
    void blankIsAbsent() {
        assertThat(ContentType.parse(null)).isEmpty();
        assertThat(ContentType.parse("  ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "application/", "/json", "application/json/x", "text plain/x"})
    void malformedMediaTypeIsUnsupported(String header) {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> ContentType.parse(header));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void unknownCharsetIsUnsupported() {
        ContentType type = ContentType.parse("application/json; charset=no-such-charset").orElseThrow();

        assertThat(catchThrowableOfType(BatchRejectedException.class, type::charset).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
}
