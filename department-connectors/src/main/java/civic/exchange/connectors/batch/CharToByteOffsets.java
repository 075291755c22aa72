package civic.exchange.connectors.batch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Finds where character positions of a decoded body lie in its bytes, so that a parser working on
 * text can hand on the exact bytes the sender sent (re-encoding is not always byte-identical:
 * some charsets map several byte sequences to one character).
 *
 * <p>The body is decoded a second time, from the start, with the output cut off at each asked
 * position; the decoder's input position is then the byte offset. Positions must be asked in
 * non-decreasing order, so a whole body costs one extra decoding pass. The text must come from
 * {@link StrictDecoder#decodeAll(byte[], Charset)} on the same bytes, which also proved them valid.
 */
public final class CharToByteOffsets {

    private final CharsetDecoder decoder;
    private final ByteBuffer in;
    private final CharBuffer scratch = CharBuffer.allocate(8192);
    private int chars;

    public CharToByteOffsets(byte[] bytes, Charset charset) {
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.in = ByteBuffer.wrap(bytes);
    }

    /**
     * The byte offset at which the character at {@code charPosition} starts (or the end of the
     * bytes for the text's length).
     *
     * @throws IllegalArgumentException for a position before one already asked
     * @throws IllegalStateException    for a position inside a character or beyond the text
     */
    public int byteOffset(int charPosition) {
        if (charPosition < chars) {
            throw new IllegalArgumentException("Character position " + charPosition + " is before " + chars + " already passed");
        }
        while (chars < charPosition) {
            scratch.clear();
            scratch.limit(Math.min(scratch.capacity(), charPosition - chars));
            CoderResult result = decoder.decode(in, scratch, false);
            if (result.isError()) {
                throw new IllegalStateException("The bytes are not valid " + decoder.charset().name() + " at offset " + in.position());
            }
            int decoded = scratch.position();
            if (decoded == 0) {
                // nothing fits: the position splits a surrogate pair, or the bytes end before it
                throw new IllegalStateException("Character position " + charPosition + " is not a character boundary of the body");
            }
            chars += decoded;
        }
        return in.position();
    }
}
