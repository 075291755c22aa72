package civic.exchange.connectors.batch;

import civic.exchange.errors.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
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
     * <p>The bytes are checked first ({@link #check}), then decoded once into the string itself
     * (Latin-1 text, ASCII included, takes one byte per character there), with no intermediate
     * buffer of the whole text.
     *
     * @throws BatchRejectedException INVALID_ENCODING, as {@link #decode(byte[], Charset)}
     */
    public static String decodeAll(byte[] bytes, Charset charset) {
        check(bytes, charset);
        // valid: the lenient decoding String does is the strict one
        return new String(bytes, charset);
    }

    /**
     * Checks that {@code bytes} are valid in {@code charset}, decoding them through a small buffer
     * without keeping the text.
     *
     * @throws BatchRejectedException INVALID_ENCODING, with the byte offset and the line and column
     *                                reached, when a byte sequence is not valid in {@code charset}
     */
    public static void check(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = strict(charset);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        Position position = new Position();
        while (true) {
            // endOfInput=true: an incomplete sequence at the very end is reported as an error too
            CoderResult result = decoder.decode(in, out, true);
            position.advance(out);
            if (result.isError()) {
                throw invalid(bytes, in.position(), result.length(), position, charset);
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        while (decoder.flush(out).isOverflow()) {
            out.clear();
        }
    }

    /**
     * A reader of {@code bytes} in {@code charset} that decodes as it is read, without a leading
     * byte-order mark: a parser reads the text without the whole of it being held. Call
     * {@link #check} first: the reader reports an invalid byte only as an I/O error.
     */
    public static Reader reader(byte[] bytes, Charset charset) {
        try {
            PushbackReader reader = new PushbackReader(new InputStreamReader(new ByteArrayInputStream(bytes), strict(charset)));
            int first = reader.read();
            if (first != -1 && first != BOM) {
                reader.unread(first);
            }
            return reader;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from memory
        }
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Line and column reached so far (a column counts characters since the last line feed). */
    private static final class Position {
        int line = 1;
        int column = 1;

        /** Counts the characters decoded into {@code out}, then empties it. */
        void advance(CharBuffer out) {
            out.flip();
            while (out.hasRemaining()) {
                if (out.get() == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            out.clear();
        }
    }

    private static BatchRejectedException invalid(byte[] bytes, int offset, int length, Position position, Charset charset) {
        int line = position.line;
        int column = position.column;
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
