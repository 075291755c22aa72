package civic.exchange.connectors.ingest.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import civic.exchange.connectors.RawTopicReader;
import civic.exchange.connectors.SharedDatasets;
import civic.exchange.connectors.batch.RecordIds;
import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.topics.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CSV over real HTTP onto a real broker: the whole Los Angeles 311 export and the whole Perth tree
 * inventory each land as 1,999 records, byte for byte, their header row once per partition in a
 * CSV header record before them and its id on each row; a big header row with many tiny rows
 * writes about the body's bytes, not the header row per row; each refused CSV batch leaves
 * nothing a read-committed consumer sees.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class CsvIngestIT {

    private static final String LA_TOPIC = Topics.raw("hotline", "myla311");
    private static final String TREES_TOPIC = Topics.raw("parks", "trees");
    private static final String PATH = "/ingest/{department}/{dataset}";
    private static final String LA_HEADER = "SRNumber,CreatedDate,Status,Address";

    private static RawTopicReader laReader;
    private static RawTopicReader treesReader;

    @BeforeEach
    void connect() {
        // RestAssured would otherwise add "; charset=ISO-8859-1" to text/csv
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        if (laReader == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            RawTopicReader.createTopic(bootstrap, LA_TOPIC, Map.of());
            RawTopicReader.createTopic(bootstrap, TREES_TOPIC, Map.of());
            laReader = new RawTopicReader(bootstrap, LA_TOPIC);
            treesReader = new RawTopicReader(bootstrap, TREES_TOPIC);
        }
        laReader.mark();
        treesReader.mark();
    }

    @AfterAll
    static void disconnect() {
        if (laReader != null) {
            laReader.close();
            treesReader.close();
            laReader = null;
            treesReader = null;
        }
    }

    @Test
    void theWholeLosAngeles311ExportIsOneRecordPerRowByteForByte() {
        assertWholeFileLands(SharedDatasets.losAngeles311(), "hotline", "myla311", 0, LA_TOPIC, laReader);
    }

    @Test
    void theWholePerthTreeInventoryIsOneRecordPerRowWithItsByteOrderMark() {
        List<ConsumerRecord<byte[], byte[]>> headerRecords =
                assertWholeFileLands(SharedDatasets.perthTrees(), "parks", "trees", 3, TREES_TOPIC, treesReader);

        byte[] headerRow = headerRecords.get(0).value();
        assertThat(Arrays.copyOf(headerRow, 3)).isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }

    /**
     * @param keyColumn position of the catalog's key column (SRNumber, TREE_ID), before any quoted field
     * @return the CSV header records written with the rows
     */
    private static List<ConsumerRecord<byte[], byte[]>> assertWholeFileLands(Path file, String department, String dataset,
                                                                            int keyColumn, String topic, RawTopicReader reader) {
        byte[] body = SharedDatasets.bytes(file);
        List<byte[]> lines = SharedDatasets.lines(body);
        String requestKey = dataset + "-import-" + UUID.randomUUID();

        String correlationId = given().contentType("text/csv").header("Idempotency-Key", requestKey).body(body)
                .post(PATH, department, dataset).then()
                .statusCode(202)
                .body("accepted", equalTo(1999))
                .body("topic", equalTo(topic))
                .extract().path("correlationId");

        List<ConsumerRecord<byte[], byte[]>> written = reader.readToEnd();
        List<ConsumerRecord<byte[], byte[]>> records = RawTopicReader.dataRecords(written);
        List<ConsumerRecord<byte[], byte[]>> headerRecords = RawTopicReader.headerRecords(written);
        assertThat(records).as("the 1,999 rows and nothing else").hasSize(1999);
        // the header row: once on every partition that took rows, before them
        assertThat(headerRecords).extracting(ConsumerRecord::partition).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(records.stream().map(ConsumerRecord::partition).distinct().toList());
        Map<Integer, Long> headerOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> headerRecord : headerRecords) {
            assertThat(headerRecord.value()).isEqualTo(lines.get(0));
            assertThat(header(headerRecord, ExchangeHeaders.CSV_HEADER_ID)).isEqualTo(CsvHeaderRecords.id(lines.get(0)));
            assertThat(header(headerRecord, ExchangeHeaders.DEPARTMENT)).isEqualTo(department);
            assertThat(header(headerRecord, ExchangeHeaders.DATASET)).isEqualTo(dataset);
            headerOffsets.put(headerRecord.partition(), headerRecord.offset());
        }
        // the record id says which row a record is, whatever the partitioning
        Map<String, Integer> rowOfRecordId = new HashMap<>();
        for (int i = 0; i < 1999; i++) {
            rowOfRecordId.put(RecordIds.derived(department + "/" + dataset, requestKey, i), i);
        }
        boolean[] seen = new boolean[1999];
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Integer row = rowOfRecordId.get(header(record, ExchangeHeaders.RECORD_ID));
            assertThat(row).as("record id of a row of this request").isNotNull();
            assertThat(seen[row]).as("row %d once", row).isFalse();
            seen[row] = true;
            assertThat(record.value()).as("row %d", row).isEqualTo(lines.get(row + 1));
            assertThat(header(record, ExchangeHeaders.CSV_HEADER_ID)).isEqualTo(CsvHeaderRecords.id(lines.get(0)));
            assertThat(record.headers().lastHeader(ExchangeHeaders.CSV_HEADER_ROW)).isNull();
            assertThat(record.offset()).as("row %d after its partition's header record", row)
                    .isGreaterThan(headerOffsets.get(record.partition()));
            String keyCell = new String(lines.get(row + 1), StandardCharsets.UTF_8).split(",", keyColumn + 2)[keyColumn];
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).as("row %d keyed by its id", row).isEqualTo(keyCell.strip());
            assertThat(header(record, ExchangeHeaders.DEPARTMENT)).isEqualTo(department);
            assertThat(header(record, ExchangeHeaders.DATASET)).isEqualTo(dataset);
            assertThat(header(record, ExchangeHeaders.CORRELATION_ID)).isEqualTo(correlationId);
            assertThat(header(record, ExchangeHeaders.CONTENT_TYPE)).isEqualTo("text/csv; charset=UTF-8");
            assertThat(header(record, ExchangeHeaders.INGESTED_AT)).endsWith("Z");
        }
        return headerRecords;
    }

    /**
     * A 300 KB header row with 300 tiny rows: what goes on the bus stays within a small constant
     * factor of the body (the header row once per partition, plus the bus headers of each row),
     * where a header row on every row would cost about 300 times the body.
     */
    @Test
    void aBigHeaderRowWithManyTinyRowsWritesAboutTheBodyNotTheHeaderRowPerRow() {
        String name = "x".repeat(100_000);
        String headerRow = "SRNumber," + name + "1," + name + "2," + name + "3";
        StringBuilder text = new StringBuilder(headerRow).append('\n');
        int rows = 300;
        for (int i = 0; i < rows; i++) {
            text.append("amp-").append(i).append(",a,b,c\n");
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);

        given().contentType("text/csv").body(body).post(PATH, "hotline", "myla311").then()
                .statusCode(202).body("accepted", equalTo(rows));

        List<ConsumerRecord<byte[], byte[]>> written = laReader.readToEnd();
        List<ConsumerRecord<byte[], byte[]>> headerRecords = RawTopicReader.headerRecords(written);
        assertThat(RawTopicReader.dataRecords(written)).hasSize(rows);
        assertThat(headerRecords).hasSizeBetween(1, 3).allSatisfy(r -> assertThat(r.value()).hasSize(headerRow.length()));
        long bytes = written.stream().mapToLong(CsvIngestIT::size).sum();
        System.out.printf("[amplification] body %d bytes, %d records written in %d bytes (%.2f x the body)%n",
                body.length, written.size(), bytes, bytes / (double) body.length);
        // the header row once per partition, and each row with its bus headers (under 512 bytes)
        assertThat(bytes).isLessThanOrEqualTo(body.length + (long) headerRecords.size() * headerRow.length() + rows * 512L);
        assertThat(bytes).as("a small constant factor of the body").isLessThan(4L * body.length);
    }

    /** What a record costs on the bus: key, value, and each header's name and value. */
    private static long size(ConsumerRecord<byte[], byte[]> record) {
        long size = (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    static Stream<Arguments> rejectedBatches() {
        Charset gbk = Charset.forName("GBK");
        return Stream.of(
                rejected("unclosed quote in the last row", "text/csv",
                        LA_HEADER + "\n1-1,12/31/2017,Closed,\"2111 W BELLEVUE AVE, 90026\"\n1-2,12/31/2017,Open,\"6122 E MES",
                        400, "MALFORMED_CSV", r -> r.body("line", equalTo(3)).body("recordIndex", equalTo(1))
                                .body("message", containsString("truncated last row"))),
                rejected("row with a column too many", "text/csv",
                        LA_HEADER + "\n1-1,12/31/2017,Closed,\"2111 W BELLEVUE AVE, 90026\"\n1-2,12/31/2017,Open,6122 E MESA AVE, 90042\n",
                        400, "MALFORMED_CSV", r -> r.body("line", equalTo(3)).body("columns", equalTo(5)).body("expected", equalTo(4))),
                rejected("header row only", "text/csv", LA_HEADER + "\n",
                        400, "MALFORMED_CSV", r -> r.body("message", containsString("only the header row"))),
                rejected("empty body", "text/csv", new byte[0],
                        400, "MALFORMED_CSV", r -> r.body("message", containsString("empty"))),
                rejected("GBK bytes for a UTF-8 dataset", "text/csv", (LA_HEADER + "\n1-1,12/31/2017,Closed,北京路 12号\n").getBytes(gbk),
                        400, "INVALID_ENCODING", r -> r.body("encoding", equalTo("UTF-8")).body("line", equalTo(2))),
                rejected("charset other than the dataset's", "text/csv; charset=GBK", LA_HEADER + "\n1-1,12/31/2017,Closed,x\n",
                        415, "UNSUPPORTED_MEDIA_TYPE", r -> r.body("encoding", equalTo("UTF-8")).body("charset", equalTo("GBK"))),
                rejected("JSON body for a csv dataset", "application/json", "{\"SRNumber\":\"1-1\"}",
                        415, "UNSUPPORTED_MEDIA_TYPE", r -> r.body("format", equalTo("csv")).body("supported[0]", equalTo("text/csv"))),
                rejected("CSV sent as text/plain", "text/plain", LA_HEADER + "\n1-1,12/31/2017,Closed,x\n",
                        415, "UNSUPPORTED_MEDIA_TYPE", r -> r.body("supported[0]", equalTo("text/csv"))));
    }

    private static Arguments rejected(String name, String contentType, String body, int status, String error,
                                      Consumer<ValidatableResponse> more) {
        return rejected(name, contentType, body.getBytes(StandardCharsets.UTF_8), status, error, more);
    }

    private static Arguments rejected(String name, String contentType, byte[] body, int status, String error,
                                      Consumer<ValidatableResponse> more) {
        return Arguments.of(name, contentType, body, status, error, more);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedBatches")
    void rejectedCsvBatchAnswersWithTheReasonAndWritesNothing(String name, String contentType, byte[] body, int status,
                                                              String error, Consumer<ValidatableResponse> more) {
        ValidatableResponse response = given().contentType(contentType).body(body).post(PATH, "hotline", "myla311").then()
                .statusCode(status)
                .contentType("application/json")
                .body("error", equalTo(error))
                .body("message", not(emptyOrNullString()));
        more.accept(response);

        // a sentinel row after the refused batch must be all that was committed since the mark
        String sentinel = "sentinel-" + UUID.randomUUID() + ",12/31/2017,Closed,x";
        given().contentType("text/csv").body((LA_HEADER + "\r\n" + sentinel + "\r\n").getBytes(StandardCharsets.UTF_8))
                .post(PATH, "hotline", "myla311").then().statusCode(202).body("accepted", equalTo(1));
        List<ConsumerRecord<byte[], byte[]>> written = laReader.readToEnd();
        assertThat(RawTopicReader.dataRecords(written)).as("records committed since the refused batch")
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(sentinel);
        assertThat(RawTopicReader.headerRecords(written)).as("the sentinel's header row only")
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly(LA_HEADER);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }
}
