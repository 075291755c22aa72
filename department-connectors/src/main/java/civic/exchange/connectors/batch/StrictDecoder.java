package civic.exchange.connectors.batch;

import civic.exchange.errors.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes in a declared character set and refuses any byte sequence that is not valid in it,
 * instead of silently replacing it with U+FFFD: a wrongly encoded ledger must be sent again, not
 * stored with its names garbled.
 */
public final class StrictDecoder {

    private static final char BOM = '\uFEFF';

    private StrictDecoder() {
    }

    /**
     * The text of {@code bytes} in {@code charset}, without a leading byte-order mark.
     *
     * @throws BatchRejectedException INVALID_ENCODING, with the byte offset and the line and column
     *                                reached, when a byte sequence is not valid in {@code charset}
     */
    public static String decode(byte[] bytes, Charset charset) {
        String text = decodeAll(bytes, charset);
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /**
     * The text of {@code bytes} in {@code charset} exactly as the charset's decoder yields it: a
     * UTF-8 byte-order mark stays as a leading U+FEFF, so that character positions in the text map
     * back onto the bytes (see {@link CharToByteOffsets}).
     *
     * @throws BatchRejectedException INVALID_ENCODING, as {@link #decode(byte[], Charset)}
     */
    public static String decodeAll(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                (long) Math.ceil(bytes.length * (double) decoder.averageCharsPerByte()) + 16));
        while (true) {
            // endOfInput=true: an incomplete sequence at the very end is reported as an error too
            CoderResult result = decoder.decode(in, out, true);
            if (result.isOverflow()) {
                out = grow(out);
            } else if (result.isError()) {
                throw invalid(bytes, in.position(), result.length(), out, charset);
            } else {
                break;
            }
        }
        while (decoder.flush(out).isOverflow()) {
            out = grow(out);
        }
        out.flip();
        return out.toString();
    }

    private static CharBuffer grow(CharBuffer out) {
        CharBuffer bigger = CharBuffer.allocate(Math.max(16, out.capacity() * 2));
        out.flip();
        bigger.put(out);
        return bigger;
    }

    private static BatchRejectedException invalid(byte[] bytes, int offset, int length, CharBuffer decoded, Charset charset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < decoded.position(); i++) {
            if (decoded.get(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        StringBuilder hex = new StringBuilder();
        for (int i = offset; i < Math.min(bytes.length, offset + Math.max(1, length)); i++) {
            hex.append(hex.isEmpty() ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xff));
        }
        return new BatchRejectedException(ErrorCode.INVALID_ENCODING,
                "Byte" + (length > 1 ? "s " : " ") + hex + " at byte offset " + offset + " (line " + line + ", column " + column
                        + ") " + (length > 1 ? "are" : "is") + " not valid " + charset.name()
                        + "; send the body in the dataset's declared encoding " + charset.name(),
                BatchRejectedException.detail()
                        .with("encoding", charset.name())
                        .with("byteOffset", offset)
                        .with("line", line)
                        .with("column", column)
                        .map());
    }
}
