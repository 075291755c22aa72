package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharToByteOffsetsTest {

    @Test
    void findsByteOffsetsOfCharactersOfEveryWidthInUtf8() {
        String text = "a\u00D1\u5317\uD83D\uDCA1z"; // 1, 2, 3 and 4 bytes (a surrogate pair), then 1
        CharToByteOffsets offsets = new CharToByteOffsets(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(offsets.byteOffset(0)).isZero();
        assertThat(offsets.byteOffset(1)).isEqualTo(1);
        assertThat(offsets.byteOffset(2)).isEqualTo(3);
        assertThat(offsets.byteOffset(3)).isEqualTo(6);
        assertThat(offsets.byteOffset(5)).isEqualTo(10);
        assertThat(offsets.byteOffset(6)).isEqualTo(11);
    }

    @Test
    void aByteOrderMarkIsOneCharacterOfThreeBytes() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b'};
        assertThat(StrictDecoder.decodeAll(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFa,b");

        CharToByteOffsets offsets = new CharToByteOffsets(bytes, StandardCharsets.UTF_8);

        assertThat(offsets.byteOffset(1)).isEqualTo(3);
        assertThat(offsets.byteOffset(4)).isEqualTo(6);
    }

    @Test
    void worksAcrossManyBuffersInGbk() {
        Charset gbk = Charset.forName("GBK");
        String line = "编号,ab,路灯\n";
        String text = line.repeat(5_000);
        CharToByteOffsets offsets = new CharToByteOffsets(text.getBytes(gbk), gbk);
        int lineBytes = line.getBytes(gbk).length;

        for (int i = 0; i <= 5_000; i += 1_250) {
            assertThat(offsets.byteOffset(i * line.length())).isEqualTo(i * lineBytes);
        }
    }

    @Test
    void positionsMustNotGoBackwards() {
        CharToByteOffsets offsets = new CharToByteOffsets("abc".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        offsets.byteOffset(2);

        assertThatThrownBy(() -> offsets.byteOffset(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPositionInsideASurrogatePairOrBeyondTheTextIsABug() {
        byte[] bytes = "a\uD83D\uDCA1".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new CharToByteOffsets(bytes, StandardCharsets.UTF_8).byteOffset(2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CharToByteOffsets(bytes, StandardCharsets.UTF_8).byteOffset(4))
                .isInstanceOf(IllegalStateException.class);
    }
}
