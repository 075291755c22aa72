package civic.exchange.connectors.batch.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.catalog.MemberPath;
import civic.exchange.connectors.SharedDatasets;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.ContentType;
import civic.exchange.connectors.batch.ParseContext;
import civic.exchange.connectors.batch.ParsedRecord;
import civic.exchange.errors.ErrorCode;
import civic.exchange.topics.CanonicalEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRecordBatchParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Dataset STREETLIGHTS = new Dataset("lighting", "streetlights", "test", DatasetFormat.NGSI_LD,
            StandardCharsets.UTF_8, CanonicalEntity.FACILITY, "lighting/streetlights");

    private final JsonRecordBatchParser parser = new JsonRecordBatchParser();

    @Test
    void singleObjectIsOneRecordKeyedByItsId() {
        List<ParsedRecord> records = parse("application/json", "{ \"id\": \"lamp-1\", \"status\": \"ok\" }");

        assertThat(records).hasSize(1);
        assertThat(records.get(0).index()).isZero();
        assertThat(records.get(0).localId()).isEqualTo("lamp-1");
        assertThat(records.get(0).contentType()).isEqualTo("application/json");
        assertThat(text(records.get(0))).isEqualTo("{\"id\":\"lamp-1\",\"status\":\"ok\"}");
    }

    @Test
    void arrayIsOneRecordPerElementInOrder() {
        List<ParsedRecord> records = parse("application/json", "[{\"id\":\"a\"},\n {\"id\":7},\n {\"name\":\"no id\"}]");

        assertThat(records).extracting(ParsedRecord::index).containsExactly(0, 1, 2);
        assertThat(records).extracting(ParsedRecord::localId).containsExactly("a", "7", null);
        assertThat(records).extracting(JsonRecordBatchParserTest::text)
                .containsExactly("{\"id\":\"a\"}", "{\"id\":7}", "{\"name\":\"no id\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-ndjson", "application/jsonl", "application/json"})
    void jsonLinesAreOneRecordPerLine(String type) {
        String body = "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":2}\r\n\n{\"id\":\"c\",\"n\":3}\n";

        List<ParsedRecord> records = parse(type, body);

        assertThat(records).extracting(ParsedRecord::localId).containsExactly("a", "b", "c");
    }

    @Test
    void ldJsonAndOtherJsonSuffixTypesAreAccepted() {
        assertThat(parser.supports(ContentType.parse("application/ld+json").orElseThrow())).isTrue();
        assertThat(parser.supports(ContentType.parse("application/geo+json; charset=utf-8").orElseThrow())).isTrue();
        assertThat(parser.supports(ContentType.parse("text/csv").orElseThrow())).isFalse();
    }

    static Stream<Path> fiwareFiles() {
        return SharedDatasets.fiwareFiles().stream();
    }

    @ParameterizedTest
    @MethodSource("fiwareFiles")
    void fiwarePayloadIsOneRecordWithTheSameContent(Path file) throws Exception {
        byte[] body = SharedDatasets.bytes(file);

        List<ParsedRecord> records = parser.parse(body, context("application/ld+json"));

        assertThat(records).hasSize(1);
        JsonNode original = JSON.readTree(body);
        assertThat(JSON.readTree(records.get(0).value())).isEqualTo(original);
        assertThat(records.get(0).localId()).isEqualTo(original.get("id").asText());
        assertThat(records.get(0).value().length).isLessThan(body.length);
    }

    @Test
    void allFiwarePayloadsAsOneArrayAndAsJsonLines() throws Exception {
        List<JsonNode> entities = fiwareFiles().map(f -> readTree(SharedDatasets.bytes(f))).toList();
        String array = JSON.writeValueAsString(entities);
        StringBuilder lines = new StringBuilder();
        for (JsonNode entity : entities) {
            lines.append(JSON.writeValueAsString(entity)).append('\n');
        }

        List<ParsedRecord> fromArray = parse("application/json", array);
        List<ParsedRecord> fromLines = parse("application/x-ndjson", lines.toString());

        assertThat(fromArray).hasSize(entities.size());
        assertThat(fromLines).hasSize(entities.size());
        for (int i = 0; i < entities.size(); i++) {
            assertThat(JSON.readTree(fromArray.get(i).value())).isEqualTo(entities.get(i));
            assertThat(fromLines.get(i).value()).isEqualTo(fromArray.get(i).value());
            assertThat(fromArray.get(i).localId()).isEqualTo(entities.get(i).get("id").asText());
        }
    }

    @Test
    void decimalsKeepTheirExactTextAndNonAsciiStaysUtf8() {
        String body = "{\"lat\":40.62785133667262000001,\"power\":10.0,\"big\":12345678901234567890123,"
                + "\"street\":\"Calle Mayor Ñ 北京路\"}";

        ParsedRecord record = parse("application/json", body).get(0);

        assertThat(text(record)).isEqualTo(body);
    }

    @Test
    void malformedJsonSaysWhereAndInWhichRecord() {
        String body = "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"status\" \"broken\"}\n]";

        BatchRejectedException e = reject("application/json", body);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.details()).containsEntry("line", 3).containsEntry("column", 24).containsEntry("recordIndex", 1);
        assertThat(e.getMessage()).contains("line 3, column 24").contains("record 1");
    }

    @Test
    void malformedJsonLineIsReportedOnItsLine() {
        BatchRejectedException e = reject("application/x-ndjson", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":}\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.details()).containsEntry("line", 3).containsEntry("recordIndex", 2);
    }

    @Test
    void unclosedArrayIsMalformed() {
        BatchRejectedException e = reject("application/json", "[{\"id\":\"a\"},{\"id\":\"b\"}");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).containsIgnoringCase("end-of-input");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"id\":\"a\"}] {\"id\":\"b\"}",
            "[{\"id\":\"a\"}]\n{\"id\":\"b\"}",
            "{\"id\":\"a\"} {\"id\":\"b\"}",
            "{\"id\":\"a\"}}",
            "{\"id\":\"a\"} garbage",
            "[{\"id\":\"a\"}] ]"})
    void trailingGarbageIsMalformed(String body) {
        BatchRejectedException e = reject("application/json", body);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.details()).containsKeys("line", "column");
    }

    @Test
    void trailingGarbageAfterAnObjectPointsAtIt() {
        BatchRejectedException e = reject("application/json", "{\"id\":\"a\"}\n\n   {\"id\":\"b\"} x");

        assertThat(e.details()).containsEntry("line", 3);
    }

    @Test
    void duplicateKeysAreRefusedRatherThanSilentlyDropped() {
        BatchRejectedException e = reject("application/json", "{\"id\":\"a\",\"status\":\"ok\",\"status\":\"broken\"}");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).contains("status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "[{\"id\":\"a\"}, [\"nested\"]]", "{\"id\":\"a\"}\nnull"})
    void recordsMustBeObjects(String body) {
        BatchRejectedException e = reject("application/json", body);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.details()).containsKey("recordIndex");
    }

    @Test
    void invalidUtf8IsAnEncodingErrorWithItsOffset() {
        byte[] body = "{\"street\":\"Calle Ma".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[body.length + 3];
        System.arraycopy(body, 0, bad, 0, body.length);
        bad[body.length] = (byte) 0xC3;     // start of a two-byte sequence...
        bad[body.length + 1] = (byte) 0x28; // ...followed by a non-continuation byte
        bad[body.length + 2] = '}';

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> parser.parse(bad, context("application/json")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
        assertThat(e.details()).containsEntry("byteOffset", body.length).containsEntry("encoding", "UTF-8");
    }

    @Test
    void latin1BytesInAUtf8DatasetAreRefused() {
        byte[] latin1 = "{\"street\":\"Calle Castaño\"}".getBytes(StandardCharsets.ISO_8859_1);

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> parser.parse(latin1, context("application/json")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
    }

    @Test
    void gbkDatasetIsDecodedAsGbkAndWrittenAsUtf8() {
        Charset gbk = Charset.forName("GBK");
        Dataset ledger = new Dataset("public-works", "ledger", "test", DatasetFormat.JSON, gbk, CanonicalEntity.FACILITY, "public-works/ledger");
        String json = "{\"id\":\"路灯-17\",\"name\":\"人民路路灯\"}";

        List<ParsedRecord> records = parser.parse(json.getBytes(gbk),
                new ParseContext(ledger, ContentType.JSON, gbk, BatchLimits.defaults()));

        assertThat(records.get(0).localId()).isEqualTo("路灯-17");
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void byteOrderMarkIsIgnored() {
        byte[] withBom = ("\uFEFF{\"id\":\"a\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(parser.parse(withBom, context("application/json"))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n", "\uFEFF"})
    void emptyBodyIsRefused(String body) {
        BatchRejectedException e = reject("application/json", body);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).contains("empty");
    }

    @Test
    void emptyArrayIsRefused() {
        BatchRejectedException e = reject("application/json", " [ ] ");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(e.getMessage()).contains("no records");
    }

    @Test
    void oversizedRecordIsRefusedWithItsIndexAndSize() {
        BatchLimits limits = new BatchLimits(1_000_000, 100, 1000);
        String body = "[{\"id\":\"small\"},{\"id\":\"big\",\"notes\":\"" + "x".repeat(200) + "\"}]";

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> parser.parse(
                body.getBytes(StandardCharsets.UTF_8), new ParseContext(STREETLIGHTS, ContentType.JSON, StandardCharsets.UTF_8, limits)));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("recordIndex", 1).containsEntry("limit", 100).containsKey("size");
    }

    @Test
    void recordAtExactlyTheLimitIsAccepted() {
        String record = "{\"id\":\"" + "x".repeat(91) + "\"}";
        assertThat(record).hasSize(100);
        BatchLimits limits = new BatchLimits(1_000_000, 100, 1000);

        List<ParsedRecord> records = parser.parse(record.getBytes(StandardCharsets.UTF_8),
                new ParseContext(STREETLIGHTS, ContentType.JSON, StandardCharsets.UTF_8, limits));

        assertThat(records).hasSize(1);
    }

    @Test
    void tooManyRecordsAreRefused() {
        BatchLimits limits = new BatchLimits(1_000_000, 1000, 3);

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> parser.parse(
                "[{},{},{},{}]".getBytes(StandardCharsets.UTF_8),
                new ParseContext(STREETLIGHTS, ContentType.JSON, StandardCharsets.UTF_8, limits)));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("limit", 3);
    }

    @Test
    void theCatalogsKeyPathsNameTheKeyInTheOrderToTry() {
        Dataset open311 = new Dataset("hotline", "open311-requests", "test", DatasetFormat.JSON, StandardCharsets.UTF_8,
                CanonicalEntity.SERVICE_REQUEST, "open311/georeport-v2", CsvLayout.DEFAULT,
                keys("service_request_id", "token", "meta.ref"));
        List<ParsedRecord> records = parser.parse(("[{\"service_request_id\":\"638344\",\"token\":\"t-1\"},"
                        + "{\"token\":\"t-2\"},{\"id\":\"ignored\",\"meta\":{\"ref\":7}},{\"id\":\"x\"}]").getBytes(StandardCharsets.UTF_8),
                new ParseContext(open311, ContentType.JSON, StandardCharsets.UTF_8, BatchLimits.defaults()));

        assertThat(records).extracting(ParsedRecord::localId).containsExactly("638344", "t-2", "7", null);
    }

    @Test
    void localIdIsOnlyTakenFromAStringOrIntegerId() {
        List<ParsedRecord> records = parse("application/json",
                "[{\"id\":\"x\"},{\"id\":12},{\"id\":1.5},{\"id\":{\"v\":1}},{\"id\":\"  \"},{\"id\":null},{}]");

        assertThat(records).extracting(ParsedRecord::localId).containsExactly("x", "12", null, null, null, null, null);
    }

    private List<ParsedRecord> parse(String type, String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), context(type));
    }

    private BatchRejectedException reject(String type, String body) {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> parse(type, body));
        assertThat(e).as("rejection of %s", body).isNotNull();
        return e;
    }

    private static ParseContext context(String type) {
        return new ParseContext(STREETLIGHTS, ContentType.parse(type).orElseThrow(), StandardCharsets.UTF_8, BatchLimits.defaults());
    }

    private static String text(ParsedRecord record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<MemberPath> keys(String... paths) {
        return Stream.of(paths).map(MemberPath::parse).toList();
    }
}
