package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.errors.ErrorCode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecoderTest {

    @Test
    void decodesValidUtf8() {
        String text = "Calle Mayor Ñ 北京路 \uD83D\uDCA1";

        assertThat(StrictDecoder.decode(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void decodeDropsAUtf8ByteOrderMarkAndDecodeAllKeepsIt() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'X', ',', 'Y'};

        assertThat(StrictDecoder.decode(bytes, StandardCharsets.UTF_8)).isEqualTo("X,Y");
        assertThat(StrictDecoder.decodeAll(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFX,Y");
    }

    @Test
    void decodesLargeBodiesBeyondTheFirstBuffer() {
        String text = "汉字".repeat(50_000);

        assertThat(StrictDecoder.decode(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void reportsTheOffsetLineAndColumnOfTheFirstBadByte() {
        byte[] good = "{\n  \"a\": \"b".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[good.length + 2];
        System.arraycopy(good, 0, bytes, 0, good.length);
        bytes[good.length] = (byte) 0xFF;
        bytes[good.length + 1] = '"';

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> StrictDecoder.decode(bytes, StandardCharsets.UTF_8));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
        assertThat(e.details()).containsEntry("byteOffset", good.length).containsEntry("line", 2).containsEntry("column", 10);
        assertThat(e.getMessage()).contains("0xFF").contains("UTF-8");
    }

    @Test
    void truncatedSequenceAtTheEndIsRefused() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = {'a', euro[0], euro[1]};

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> StrictDecoder.decode(truncated, StandardCharsets.UTF_8));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
        assertThat(e.details()).containsEntry("byteOffset", 1);
    }

    @Test
    void overlongEncodingIsRefused() {
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF};

        assertThat(catchThrowableOfType(BatchRejectedException.class,
                () -> StrictDecoder.decode(overlong, StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void decodesInTheDeclaredCharset() {
        Charset gbk = Charset.forName("GBK");
        String text = "人民路路灯,正常";

        assertThat(StrictDecoder.decode(text.getBytes(gbk), gbk)).isEqualTo(text);
    }

    @Test
    void utf8BytesAreNotValidGbk() {
        Charset gbk = Charset.forName("GBK");
        // "€" in UTF-8 (E2 82 AC): 0xE2 0x82 is a GBK pair, 0xAC alone at the end is not
        byte[] bytes = "€".getBytes(StandardCharsets.UTF_8);

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> StrictDecoder.decode(bytes, gbk));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
        assertThat(e.details()).containsEntry("encoding", "GBK");
    }

    @Test
    void stripsALeadingByteOrderMark() {
        assertThat(StrictDecoder.decode(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x'}, StandardCharsets.UTF_8))
                .isEqualTo("x");
    }

    @Test
    void emptyBytesAreEmptyText() {
        assertThat(StrictDecoder.decode(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
}
