package civic.exchange.connectors.batch.json;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.catalog.MemberPath;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.ContentType;
import civic.exchange.connectors.batch.ParseContext;
import civic.exchange.connectors.batch.ParsedRecord;
import civic.exchange.connectors.batch.RecordBatchParser;
import civic.exchange.connectors.batch.StrictDecoder;
import civic.exchange.errors.ErrorCode;
import civic.exchange.geo.GeoJson;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads JSON bodies: one record (an object), an array of records, or JSON Lines (one record per
 * line; also recognised in an {@code application/json} body when several top-level values are
 * separated by newlines). Each record goes on the raw topic re-serialised compactly in UTF-8.
 *
 * <p>For a {@code geojson} dataset the records are GeoJSON Features: a FeatureCollection is split
 * into its features (its other members, {@code name}, {@code bbox}..., are dropped); a Feature, an
 * array of them or one per line (GeoJSONSeq) are read as above. A FeatureCollection sent to a dataset
 * of another format is refused with the way to fix it, since it would otherwise arrive as one record.
 *
 * <p>Numbers keep their exact decimal text (no trip through {@code double}) and duplicate keys are
 * refused, because either would silently change a department's data before anyone sees it.
 */
@ApplicationScoped
public class JsonRecordBatchParser implements RecordBatchParser {

    public static final String RECORD_CONTENT_TYPE = "application/json";

    /** A record's own id when the catalog names none. */
    private static final MemberPath ID = MemberPath.parse("id");
    static final Set<String> JSON_TYPES = Set.of("application/json", "application/ld+json");
    /** Catalog formats whose records are JSON documents (NGSI-LD and NGSI v2 entities are JSON too). */
    static final Set<DatasetFormat> DATASET_FORMATS = EnumSet.of(DatasetFormat.JSON, DatasetFormat.JSONL,
            DatasetFormat.NGSI_LD, DatasetFormat.NGSI_V2, DatasetFormat.GEOJSON);
    static final Set<String> JSON_LINES_TYPES = Set.of("application/x-ndjson", "application/jsonl",
            "application/x-jsonlines", "application/jsonlines");

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Override
    public boolean supports(ContentType contentType) {
        return JSON_TYPES.contains(contentType.mediaType())
                || JSON_LINES_TYPES.contains(contentType.mediaType())
                || contentType.suffix().filter("json"::equals).isPresent();
    }

    @Override
    public List<String> mediaTypes() {
        return List.of("application/json", "application/ld+json", "application/x-ndjson", "application/jsonl");
    }

    @Override
    public Set<DatasetFormat> datasetFormats() {
        return DATASET_FORMATS;
    }

    @Override
    public List<ParsedRecord> parse(byte[] body, ParseContext context) {
        // Checked whole first (an invalid byte is INVALID_ENCODING with its position), then parsed
        // as it is decoded: the body's text is never held whole, only each record in turn.
        StrictDecoder.check(body, context.encoding());
        boolean jsonLines = JSON_LINES_TYPES.contains(context.contentType().mediaType());
        return new Reader(StrictDecoder.reader(body, context.encoding()), jsonLines, context).read();
    }

    private static BatchRejectedException empty(ParseContext context) {
        return new BatchRejectedException(ErrorCode.MALFORMED_JSON,
                "The body is empty: send a JSON object, an array of objects or JSON Lines for "
                        + context.dataset().qualifiedId());
    }

    /** One pass over one body; remembers which record it is in so errors can say so. */
    private final class Reader {
        private final java.io.Reader text;
        private final boolean jsonLines;
        private final BatchLimits limits;
        private final ParseContext context;
        private final boolean features;
        private final List<ParsedRecord> records = new ArrayList<>();
        private Integer currentIndex;
        /** A FeatureCollection was the body's first record: nothing may follow it. */
        private boolean collectionRead;

        Reader(java.io.Reader text, boolean jsonLines, ParseContext context) {
            this.text = text;
            this.jsonLines = jsonLines;
            this.limits = context.limits();
            this.context = context;
            this.features = context.dataset().format() == DatasetFormat.GEOJSON;
        }

        List<ParsedRecord> read() {
            try (JsonParser parser = mapper.createParser(text)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw empty(context);
                }
                if (first == JsonToken.START_ARRAY && !jsonLines) {
                    readArray(parser);
                } else {
                    readSequence(parser, first);
                }
            } catch (JsonProcessingException e) {
                throw malformed(e.getOriginalMessage(), e.getLocation(), e);
            } catch (IOException e) {
                // reading checked bytes from memory: only parse errors are possible, but keep the contract
                throw malformed(e.getMessage(), null, e);
            }
            return records;
        }

        private void readArray(JsonParser parser) throws IOException {
            int index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw malformed("Unexpected end of input: the array is not closed", parser.currentLocation(), null);
                }
                readRecord(parser, index++, true);
            }
            currentIndex = null;
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw malformed("Unexpected " + describe(after) + " after the end of the array", parser.currentTokenLocation(), null);
            }
            if (records.isEmpty()) {
                throw new BatchRejectedException(ErrorCode.MALFORMED_JSON, "The array holds no records");
            }
        }

        /** A single value, or values each starting on a new line (JSON Lines). */
        private void readSequence(JsonParser parser, JsonToken first) throws IOException {
            int index = 0;
            int previousEndLine = -1;
            JsonToken token = first;
            while (token != null) {
                JsonLocation start = parser.currentTokenLocation();
                if (index > 0 && start.getLineNr() == previousEndLine) {
                    currentIndex = null;
                    throw malformed("Unexpected " + describe(token) + " after the end of record " + (index - 1)
                            + " on the same line; put one record per line (JSON Lines) or send an array",
                            start, null);
                }
                readRecord(parser, index++, false);
                previousEndLine = parser.currentLocation().getLineNr();
                currentIndex = null;
                token = parser.nextToken();
            }
        }

        private void readRecord(JsonParser parser, int index, boolean inArray) throws IOException {
            currentIndex = index;
            if (collectionRead) {
                throw new BatchRejectedException(ErrorCode.INVALID_VALUE, null, "A record follows the FeatureCollection;"
                        + " send one FeatureCollection as the whole body", position(parser.currentTokenLocation()).map(), null);
            }
            checkCount();
            JsonToken token = parser.currentToken();
            JsonLocation start = parser.currentTokenLocation();
            if (token != JsonToken.START_OBJECT) {
                throw new BatchRejectedException(ErrorCode.INVALID_VALUE, null,
                        "Record " + index + " is " + describe(token) + "; each record must be a JSON object",
                        position(start).with("recordIndex", index).map(), null);
            }
            JsonNode node = mapper.readTree(parser);
            if (GeoJson.isFeatureCollection(node)) {
                readFeatureCollection(node, index, start, inArray);
                return;
            }
            if (features && !GeoJson.isFeature(node)) {
                throw new BatchRejectedException(ErrorCode.INVALID_VALUE, null, "Record " + index + " is "
                        + GeoJson.describe(node) + "; " + context.dataset().qualifiedId()
                        + " takes GeoJSON Features (a FeatureCollection, a Feature, an array or one per line)",
                        position(start).with("recordIndex", index).map(), null);
            }
            add(node, index, start);
        }

        /** A FeatureCollection is the whole body of a geojson dataset; its features are the records. */
        private void readFeatureCollection(JsonNode collection, int index, JsonLocation start, boolean inArray)
                throws IOException {
            if (!features) {
                throw new BatchRejectedException(ErrorCode.INVALID_VALUE, null, "Record " + index
                        + " is a GeoJSON FeatureCollection, which would arrive as one record: "
                        + context.dataset().qualifiedId() + " is catalogued as " + context.dataset().format()
                        + "; catalogue it as format geojson to take each feature as a record",
                        position(start).with("recordIndex", index).map(), null);
            }
            if (inArray || index > 0) {
                throw new BatchRejectedException(ErrorCode.INVALID_VALUE, null, "Record " + index
                        + " is a FeatureCollection among other records; send one FeatureCollection as the whole body",
                        position(start).with("recordIndex", index).map(), null);
            }
            JsonNode members = collection.get("features");
            if (members == null || !members.isArray()) {
                throw new BatchRejectedException(ErrorCode.MALFORMED_JSON, null,
                        "The FeatureCollection has no 'features' array", position(start).map(), null);
            }
            if (members.isEmpty()) {
                throw new BatchRejectedException(ErrorCode.MALFORMED_JSON, "The FeatureCollection holds no features");
            }
            collectionRead = true;
            int feature = 0;
            for (JsonNode member : members) {
                currentIndex = feature;
                checkCount();
                if (!GeoJson.isFeature(member)) {
                    throw new BatchRejectedException(ErrorCode.INVALID_VALUE, null, "Feature " + feature + " is "
                            + GeoJson.describe(member) + "; a FeatureCollection holds Features",
                            BatchRejectedException.detail().with("recordIndex", feature).map(), null);
                }
                add(member, feature++, null);
            }
        }

        private void checkCount() {
            if (records.size() >= limits.maxRecords()) {
                throw new BatchRejectedException(ErrorCode.PAYLOAD_TOO_LARGE,
                        "The batch holds more than " + limits.maxRecords() + " records; split it",
                        BatchRejectedException.detail().with("limit", limits.maxRecords()).map());
            }
        }

        private void add(JsonNode node, int index, JsonLocation start) throws IOException {
            byte[] value = mapper.writeValueAsBytes(node);
            if (value.length > limits.maxRecordBytes()) {
                throw new BatchRejectedException(ErrorCode.PAYLOAD_TOO_LARGE, null,
                        "Record " + index + " is " + value.length + " bytes; the limit is " + limits.maxRecordBytes() + " bytes per record",
                        position(start).with("recordIndex", index).with("size", value.length)
                                .with("limit", limits.maxRecordBytes()).map(), null);
            }
            records.add(new ParsedRecord(index, localId(node, context.dataset().key()), value, RECORD_CONTENT_TYPE));
        }

        private BatchRejectedException malformed(String reason, JsonLocation location, Throwable cause) {
            String where = location == null || location.getLineNr() < 1 ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            String inRecord = currentIndex == null ? "" : " (record " + currentIndex + ")";
            return new BatchRejectedException(ErrorCode.MALFORMED_JSON, null,
                    "Malformed JSON" + where + inRecord + ": " + reason,
                    position(location).with("recordIndex", currentIndex).map(), cause);
        }
    }

    private static BatchRejectedException.Details position(JsonLocation location) {
        BatchRejectedException.Details details = BatchRejectedException.detail();
        if (location != null && location.getLineNr() >= 1) {
            details.with("line", location.getLineNr()).with("column", location.getColumnNr());
        }
        return details;
    }

    /**
     * The record's own id, the raw record's Kafka key: the first of the catalog's {@code key} paths
     * that holds a string or an integer, else its {@code id}; null when none does.
     */
    static String localId(JsonNode record, List<MemberPath> keyPaths) {
        for (MemberPath path : keyPaths.isEmpty() ? List.of(ID) : keyPaths) {
            JsonNode id = path.at(record);
            if (id != null && id.isTextual() && !id.textValue().isBlank()) {
                return id.textValue();
            }
            if (id != null && id.isIntegralNumber()) {
                return id.asText();
            }
        }
        return null;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of input";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
