package civic.exchange.connectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.MockProducers;
import civic.exchange.connectors.SharedDatasets;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.batch.RecordIds;
import civic.exchange.connectors.batch.csv.CsvRecordBatchParser;
import civic.exchange.connectors.batch.json.JsonRecordBatchParser;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * CSV through the whole handler, without a broker: the shipped catalog's csv datasets with the real
 * city files, and a test catalog ({@code catalog/csv-test-catalog.yaml}) with a GBK ledger.
 */
class CsvIngestHandlerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final Charset GBK = Charset.forName("GBK");
    private static final String GBK_LEDGER = "编号,项目,金额\r\n1,路灯维修,1200.50\r\n2,\"树木修剪, 第二批\",860\r\n";

    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestHandler shipped = handler(ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE),
            new BatchLimits(4 * 1024 * 1024, 64 * 1024, 5000));
    private final IngestHandler gbk = handler(ExchangeCatalog.load("classpath:catalog/csv-test-catalog.yaml"),
            new BatchLimits(64 * 1024, 16 * 1024, 100));

    @Test
    void theWholeLosAngelesFileIsOneRecordPerRowOnItsRawTopic() {
        byte[] file = SharedDatasets.bytes(SharedDatasets.losAngeles311());
        List<byte[]> lines = SharedDatasets.lines(file);

        IngestReceipt receipt = shipped.ingest(request("hotline", "myla311", "text/csv", file, "la-2017-12-31", "corr-la"));

        assertThat(receipt).isEqualTo(new IngestReceipt(1999, "hotline", "myla311", "raw.hotline.myla311", "corr-la"));
        List<ProducerRecord<byte[], byte[]>> written = written();
        assertThat(written).hasSize(1999);
        for (int i = 0; i < written.size(); i++) {
            ProducerRecord<byte[], byte[]> record = written.get(i);
            assertThat(record.topic()).isEqualTo("raw.hotline.myla311");
            // keyed by the catalog's key column (SRNumber, the export's first): a request's versions stay in order
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(lines.get(i + 1), StandardCharsets.UTF_8).split(",", 2)[0]);
            assertThat(record.value()).as("row %d", i).isEqualTo(lines.get(i + 1));
            assertThat(header(record, ExchangeHeaders.CSV_HEADER_ID)).isEqualTo(CsvHeaderRecords.id(lines.get(0)));
            assertThat(record.headers().lastHeader(ExchangeHeaders.CSV_HEADER_ROW)).as("the header row travels once per partition").isNull();
            assertThat(header(record, ExchangeHeaders.RECORD_ID)).isEqualTo(RecordIds.derived("hotline/myla311", "la-2017-12-31", i));
        }
        ProducerRecord<byte[], byte[]> first = written.get(0);
        assertThat(header(first, ExchangeHeaders.DEPARTMENT)).isEqualTo("hotline");
        assertThat(header(first, ExchangeHeaders.DATASET)).isEqualTo("myla311");
        assertThat(header(first, ExchangeHeaders.CORRELATION_ID)).isEqualTo("corr-la");
        assertThat(header(first, ExchangeHeaders.INGESTED_AT)).isEqualTo("2025-03-01T10:15:30Z");
        assertThat(header(first, ExchangeHeaders.CONTENT_TYPE)).isEqualTo("text/csv; charset=UTF-8");
        assertThat(producers).hasSize(1);
        assertThat(producers.get(0).commitCount()).as("one transaction").isEqualTo(1);
        assertThat(registry.counter("exchange.ingest.records", "department", "hotline", "dataset", "myla311").count())
                .isEqualTo(1999.0);
        // one header record per partition, each before the first row written there
        List<ProducerRecord<byte[], byte[]>> all = producers.get(0).history();
        List<ProducerRecord<byte[], byte[]>> headerRecords = MockProducers.headerRecords(all);
        assertThat(headerRecords).extracting(ProducerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        for (ProducerRecord<byte[], byte[]> headerRecord : headerRecords) {
            assertThat(headerRecord.value()).isEqualTo(lines.get(0));
            assertThat(header(headerRecord, ExchangeHeaders.CSV_HEADER_ID)).isEqualTo(CsvHeaderRecords.id(lines.get(0)));
            assertThat(all.stream().filter(r -> headerRecord.partition().equals(r.partition())).findFirst().orElseThrow())
                    .as("first on partition %d", headerRecord.partition()).isSameAs(headerRecord);
        }
    }

    @Test
    void theWholePerthFileKeepsItsByteOrderMarkInTheHeaderRow() {
        byte[] file = SharedDatasets.bytes(SharedDatasets.perthTrees());
        List<byte[]> lines = SharedDatasets.lines(file);

        IngestReceipt receipt = shipped.ingest(request("parks", "trees", "text/csv; charset=utf-8", file, null, null));

        assertThat(receipt.accepted()).isEqualTo(1999);
        assertThat(receipt.topic()).isEqualTo("raw.parks.trees");
        assertThat(written()).extracting(ProducerRecord::value).containsExactlyElementsOf(lines.subList(1, 2000));
        byte[] headerRow = MockProducers.headerRecords(producers.get(0).history()).get(0).value();
        assertThat(headerRow).isEqualTo(lines.get(0));
        assertThat(new String(headerRow, StandardCharsets.UTF_8)).startsWith("\uFEFFX,Y,OBJECTID,");
    }

    @Test
    void withoutAContentTypeACsvDatasetsBodyIsReadAsCsv() {
        IngestReceipt receipt = shipped.ingest(request("parks", "trees", null, bytes("X,Y\n1,2\n3,4\n"), null, null));

        assertThat(receipt.accepted()).isEqualTo(2);
        assertThat(written()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("1,2", "3,4");
    }

    @Test
    void gbkLedgerRowsGoOnTheBusInGbk() {
        IngestReceipt receipt = gbk.ingest(request("finance", "ledger", "text/csv; charset=GBK", GBK_LEDGER.getBytes(GBK), null, null));

        assertThat(receipt.accepted()).isEqualTo(2);
        assertThat(receipt.topic()).isEqualTo("raw.finance.ledger");
        assertThat(written()).extracting(ProducerRecord::value)
                .containsExactly("1,路灯维修,1200.50".getBytes(GBK), "2,\"树木修剪, 第二批\",860".getBytes(GBK));
        assertThat(MockProducers.headerRecords(producers.get(0).history()))
                .allSatisfy(r -> assertThat(r.value()).isEqualTo("编号,项目,金额".getBytes(GBK)));
        assertThat(header(written().get(0), ExchangeHeaders.CONTENT_TYPE)).isEqualTo("text/csv; charset=GBK");
    }

    @Test
    void gbkBytesForAUtf8DatasetAreRefused() {
        BatchRejectedException e = reject(shipped, request("hotline", "myla311", "text/csv", GBK_LEDGER.getBytes(GBK), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
        assertThat(e.details()).containsEntry("encoding", "UTF-8").containsEntry("byteOffset", 0).containsEntry("line", 1);
    }

    @Test
    void aCharsetOtherThanTheDatasetsIsRefusedBeforeTheBodyIsRead() {
        BatchRejectedException utf8ForGbk = reject(gbk, unreadable("finance", "ledger", "text/csv; charset=UTF-8"));
        BatchRejectedException gbkForUtf8 = reject(shipped, unreadable("hotline", "myla311", "text/csv; charset=GBK"));

        assertThat(utf8ForGbk.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(utf8ForGbk.details()).containsEntry("encoding", "GBK").containsEntry("charset", "UTF-8");
        assertThat(gbkForUtf8.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(gbkForUtf8.getMessage()).contains("UTF-8").contains("GBK");
    }

    @Test
    void aCsvBodyForAJsonDatasetIsRefusedBeforeTheBodyIsRead() {
        BatchRejectedException e = reject(gbk, unreadable("finance", "payments", "text/csv"));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.getMessage()).contains("finance/payments").contains("json");
        assertThat(e.details()).containsEntry("contentType", "text/csv").containsEntry("format", "json");
    }

    @Test
    void aJsonBodyForACsvDatasetIsRefusedBeforeTheBodyIsRead() {
        BatchRejectedException e = reject(shipped, unreadable("hotline", "myla311", "application/json"));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.getMessage()).contains("hotline/myla311").contains("csv").contains("text/csv");
        assertThat(e.details()).containsEntry("supported", List.of("text/csv"));
    }

    @Test
    void aMalformedRowRefusesTheWholeBatch() {
        String body = "编号,项目,金额\r\n1,路灯维修,1200.50\r\n2,树木修剪\r\n3,绿化,10\r\n";

        BatchRejectedException e = reject(gbk, request("finance", "ledger", "text/csv", body.getBytes(GBK), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.details()).containsEntry("line", 3).containsEntry("columns", 2).containsEntry("expected", 3);
        assertThat(producers).as("no producer was even started").isEmpty();
        assertThat(registry.counter("exchange.ingest.rejected", "code", "MALFORMED_CSV").count()).isEqualTo(1.0);
    }

    @Test
    void aBodyOverTheSizeLimitIsRefused() {
        byte[] file = SharedDatasets.bytes(SharedDatasets.losAngeles311());

        BatchRejectedException e = reject(gbk, request("hotline", "myla311", "text/csv", file, null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("limit", 64L * 1024);
    }

    private IngestHandler handler(ExchangeCatalog catalog, BatchLimits limits) {
        return new IngestHandler(catalog,
                new RecordBatchParsers(List.of(new JsonRecordBatchParser(), new CsvRecordBatchParser())),
                new RawRecordPublisher(id -> {
                    MockProducer<byte[], byte[]> p = MockProducers.withTopics(catalog.datasets().stream().map(d -> d.rawTopic())
                            .toArray(String[]::new));
                    producers.add(p);
                    return p;
                }, "csv-ingest-test", 1, Duration.ofSeconds(1)),
                limits, new IngestMetrics(registry), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private BatchRejectedException reject(IngestHandler handler, IngestRequest request) {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> handler.ingest(request));
        assertThat(e).as("rejected").isNotNull();
        assertThat(written()).isEmpty();
        return e;
    }

    /** The rows written, without the CSV header records. */
    private List<ProducerRecord<byte[], byte[]>> written() {
        return MockProducers.dataRecords(producers.stream().flatMap(p -> p.history().stream()).toList());
    }

    private static IngestRequest request(String department, String dataset, String type, byte[] body, String key, String correlationId) {
        return new IngestRequest(department, dataset, type, body.length, new ByteArrayInputStream(body), key, correlationId);
    }

    /** A request whose body must not be read: the answer has to come from the address and headers alone. */
    private static IngestRequest unreadable(String department, String dataset, String type) {
        return new IngestRequest(department, dataset, type, -1, new ByteArrayInputStream(new byte[0]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                throw new AssertionError("body read");
            }
        }, null, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return ExchangeHeaders.get(record.headers(), name);
    }
}
