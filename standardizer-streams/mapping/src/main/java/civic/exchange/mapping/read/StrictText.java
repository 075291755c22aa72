package civic.exchange.mapping.read;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict decoding of raw bytes in the dataset's charset: a byte sequence the charset cannot map is
 * an error ({@code INVALID_ENCODING}), never a silent replacement character. GBK bytes sent to a
 * dataset catalogued as UTF-8 are caught here, before they turn into mojibake in canonical records.
 */
public final class StrictText {

    private static final char BOM = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final Map<Charset, Boolean> ASCII_COMPATIBLE = new ConcurrentHashMap<>();

    private StrictText() {
    }

    private static boolean asciiCompatible(Charset charset) {
        byte[] ascii = new byte[128];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) i;
        }
        try {
            String text = charset.newDecoder().decode(ByteBuffer.wrap(ascii)).toString();
            if (text.length() != ascii.length) {
                return false;
            }
            for (int i = 0; i < ascii.length; i++) {
                if (text.charAt(i) != i) {
                    return false;
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * @param what for the message: "the record", "the header row"
     * @throws RecordRejectedException INVALID_ENCODING
     */
    public static String decode(byte[] bytes, Charset charset, String what) {
        if (charset.equals(StandardCharsets.UTF_8)) {
            // The JDK's UTF-8 decoding into a String is intrinsified; malformed input always leaves a
            // replacement character behind, so only text containing one needs the strict decoder
            // (which also accepts a genuine U+FFFD written by the sender).
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf(REPLACEMENT) < 0) {
                return text;
            }
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RecordRejectedException(ErrorCode.INVALID_ENCODING, null,
                    what + " is not valid " + charset.name() + " text (the dataset's declared encoding)");
        }
    }

    /**
     * True when the bytes are 7-bit ASCII in an ASCII-compatible charset (UTF-8, GBK, ISO-8859-x,
     * Windows-125x, not UTF-16): they read as the same text in UTF-8 and need no strict decoding.
     */
    public static boolean isAscii(byte[] bytes, Charset charset) {
        if (charset != StandardCharsets.UTF_8 && !ASCII_COMPATIBLE.computeIfAbsent(charset, StrictText::asciiCompatible)) {
            return false;
        }
        int i = 0;
        // Eight bytes at a time: a byte above 0x7F has its high bit set.
        for (int end = bytes.length - 7; i < end; i += 8) {
            if (((long) LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A byte-order mark is an artefact of the file the text came from, not content. */
    public static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }
}
