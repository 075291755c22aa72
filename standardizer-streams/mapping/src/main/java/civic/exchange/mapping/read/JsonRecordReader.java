package civic.exchange.mapping.read;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;

/**
 * One JSON object per record, read as is ({@code json}; {@code jsonl} is the same per record: ingest
 * writes one line of a JSON Lines file per raw record, a trailing newline is allowed). Strict: the
 * payload must decode in the dataset's charset, hold exactly one JSON object, and repeat no key (a
 * repeated key makes the record ambiguous). Decimals stay exact (BigDecimal), so numbers reach
 * attributes as written.
 */
public class JsonRecordReader implements RecordReader {

    // Repeated keys are caught while the tree is built (FAIL_ON_READING_DUP_TREE_KEY), which costs
    // nothing per key, unlike the parser's own duplicate detection.
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // 3.0 stays "3.0" in attributes, as the department wrote it (Jackson strips the zeros by default)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            // exact decimals through FastDoubleParser's BigDecimal parser instead of the JDK's
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .nodeFactory(new CompactNodes())
            .build();
    /** Resolved once: ObjectMapper.readTree works out the tree type on every call. */
    private static final ObjectReader TREE = JSON.readerFor(JsonNode.class);

    private final DatasetFormat format;

    public JsonRecordReader() {
        this(DatasetFormat.JSON);
    }

    JsonRecordReader(DatasetFormat format) {
        this.format = format;
    }

    @Override
    public DatasetFormat format() {
        return format;
    }

    @Override
    public JsonNode read(byte[] payload, Charset charset, Headers headers) {
        return readObject(payload, charset);
    }

    /** The payload's one JSON object. */
    static JsonNode readObject(byte[] payload, Charset charset) {
        if (payload == null || payload.length == 0) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_JSON, null, "the record is empty");
        }
        JsonNode root;
        try {
            // Plain ASCII is valid in every charset a department would declare (UTF-8, GBK, Latin-1...):
            // Jackson then reads the bytes themselves; anything else is decoded strictly first.
            root = StrictText.isAscii(payload, charset) ? TREE.readTree(payload)
                    : TREE.readTree(StrictText.stripBom(StrictText.decode(payload, charset, "the record")));
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_JSON, null, "not valid JSON: "
                    + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from memory: not expected
        }
        if (root == null || root.isMissingNode()) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_JSON, null, "the record holds no JSON value");
        }
        if (!root.isObject()) {
            throw new RecordRejectedException(ErrorCode.INVALID_VALUE, null,
                    "expected one JSON object per record, found " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return root;
    }

    /** Objects whose members sit in a {@link MemberTable}, not a {@code LinkedHashMap}. */
    private static final class CompactNodes extends JsonNodeFactory {

        private static final long serialVersionUID = 1L;

        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new MemberTable(8));
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
