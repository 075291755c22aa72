package civic.exchange.standardizer.read;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * One JSON object per record, read as is. Strict: the payload must decode in the dataset's
 * charset, hold exactly one JSON object, and repeat no key (a repeated key makes the record
 * ambiguous). Decimals stay exact (BigDecimal), so numbers reach attributes as written.
 */
public class JsonRecordReader implements RecordReader {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    @Override
    public String format() {
        return "json";
    }

    @Override
    public JsonNode read(byte[] payload, Charset charset) {
        if (payload == null || payload.length == 0) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_JSON, null, "the record is empty");
        }
        String text = decode(payload, charset);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_JSON, null, "not valid JSON: "
                    + e.getOriginalMessage() + location(e));
        }
        if (root == null || root.isMissingNode()) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_JSON, null, "the record holds no JSON value");
        }
        if (!root.isObject()) {
            throw new RecordRejectedException(ErrorCode.INVALID_VALUE, null,
                    "expected one JSON object per record, found " + root.getNodeType().name().toLowerCase());
        }
        return root;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    /** Strict decoding: a byte the charset cannot map is an error, not a replacement character. */
    static String decode(byte[] payload, Charset charset) {
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
            // A byte-order mark is an artefact of the file the record came from, not content.
            return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new RecordRejectedException(ErrorCode.INVALID_ENCODING, null,
                    "the record is not valid " + charset.name() + " text");
        }
    }

}
