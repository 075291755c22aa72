package civic.exchange.connectors.batch.csv;

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
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvRecordBatchParserTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final Dataset MYLA311 = new Dataset("hotline", "myla311", "test", DatasetFormat.CSV,
            StandardCharsets.UTF_8, CanonicalEntity.SERVICE_REQUEST, "hotline/myla311");
    private static final Dataset TREES = new Dataset("parks", "trees", "test", DatasetFormat.CSV,
            StandardCharsets.UTF_8, CanonicalEntity.FACILITY, "parks/trees");
    private static final Dataset LEDGER = new Dataset("finance", "ledger", "test", DatasetFormat.CSV, GBK, CanonicalEntity.FACILITY, "finance/ledger");
    /** Another city's tree cadastre: semicolons between columns, decimal commas, Latin-1 text. */
    private static final Dataset CADASTRE = new Dataset("parks", "vienna-trees", "test", DatasetFormat.CSV,
            StandardCharsets.ISO_8859_1, CanonicalEntity.FACILITY, "parks/vienna-trees", ';');
    /** A legacy ledger without a header row: the catalog names its columns, semicolons, no quoting. */
    private static final Dataset PUMP_LEDGER = new Dataset("public-works", "pump-ledger", "test", DatasetFormat.CSV, GBK,
            CanonicalEntity.FACILITY, "public-works/pump-ledger", new CsvLayout(';', null, null, List.of("编号", "名称", "状态")));
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CsvRecordBatchParser parser = new CsvRecordBatchParser();

    @Test
    void losAngeles311IsOneRecordPerRowByteForByteWithTheHeaderRowOnEach() {
        byte[] file = SharedDatasets.bytes(SharedDatasets.losAngeles311());
        List<byte[]> lines = SharedDatasets.lines(file);

        List<ParsedRecord> records = parser.parse(file, context(MYLA311));

        assertThat(lines).hasSize(2000);
        assertThat(records).hasSize(1999);
        for (int i = 0; i < records.size(); i++) {
            ParsedRecord record = records.get(i);
            assertThat(record.index()).isEqualTo(i);
            assertThat(record.value()).as("row %d", i).isEqualTo(lines.get(i + 1));
            assertThat(record.headers().get(CsvRecordBatchParser.HEADER_ROW_HEADER)).isEqualTo(lines.get(0));
            assertThat(record.localId()).isNull();
            assertThat(record.contentType()).isEqualTo("text/csv; charset=UTF-8");
        }
        assertThat(utf8(records.get(0).value()))
                .startsWith("1-870704831,12/31/2017 11:59:58 PM,")
                .contains(",\"2111 W BELLEVUE AVE, 90026\",2111,W,BELLEVUE,")
                .contains(",\"(34.073216645, -118.266861909)\",");
        assertThat(utf8(records.get(0).headers().get(CsvRecordBatchParser.HEADER_ROW_HEADER)))
                .startsWith("SRNumber,CreatedDate,").endsWith(",NCName,PolicePrecinct");
    }

    @Test
    void perthTreesKeepTheByteOrderMarkInTheHeaderRowAndRowsByteForByte() {
        byte[] file = SharedDatasets.bytes(SharedDatasets.perthTrees());
        List<byte[]> lines = SharedDatasets.lines(file);

        List<ParsedRecord> records = parser.parse(file, context(TREES));

        assertThat(records).hasSize(1999);
        byte[] headerRow = records.get(0).headers().get(CsvRecordBatchParser.HEADER_ROW_HEADER);
        assertThat(headerRow).isEqualTo(lines.get(0));
        assertThat(Arrays.copyOf(headerRow, 3)).isEqualTo(UTF8_BOM);
        assertThat(utf8(headerRow)).isEqualTo("\uFEFFX,Y,OBJECTID,TREE_ID,DATE_PLANTED,SUBURB,BOTANICAL_NAME,COMMON_NAME,"
                + "FAMILY,TREE_HEIGHT,RARE_SPECIES,HISTORIC_SIGNIFICANCE,COMMUNITY_SIGNIFICANCE,SIGNIFICANT_GROUP,RETIRED");
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).value()).as("row %d", i).isEqualTo(lines.get(i + 1));
        }
    }

    @Test
    void aDatasetCataloguedWithSemicolonsIsSplitOnThemAndCommasStayInsideValues() {
        String file = "BAUM_ID;GATTUNG_ART;STAMMUMFANG;STRASSE\r\n"
                + "1001;Tilia cordata;182,5;Währinger Straße 12\r\n"
                + "1002;\"Acer; Spitzahorn\";95;Nußdorfer Straße 3\r\n";
        byte[] body = file.getBytes(StandardCharsets.ISO_8859_1);

        List<ParsedRecord> records = parser.parse(body, context(CADASTRE));

        assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.ISO_8859_1))
                .containsExactly("1001;Tilia cordata;182,5;Währinger Straße 12", "1002;\"Acer; Spitzahorn\";95;Nußdorfer Straße 3");
        assertThat(records.get(0).contentType()).isEqualTo("text/csv; charset=ISO-8859-1");

        BatchRejectedException e = reject("BAUM_ID;GATTUNG_ART\n1001;Tilia;extra\n".getBytes(StandardCharsets.ISO_8859_1), CADASTRE);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).contains("Row 0 (line 2) has 3 columns: the header row has 2 columns");
    }

    @Test
    void theRealFilesAreRebuiltExactlyFromHeaderRowAndRows() {
        for (var file : List.of(SharedDatasets.losAngeles311(), SharedDatasets.perthTrees())) {
            byte[] body = SharedDatasets.bytes(file);
            List<ParsedRecord> records = parser.parse(body, context(MYLA311));

            ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
            rebuilt.writeBytes(records.get(0).headers().get(CsvRecordBatchParser.HEADER_ROW_HEADER));
            for (ParsedRecord record : records) {
                rebuilt.write('\n');
                rebuilt.writeBytes(record.value());
            }
            rebuilt.write('\n');
            assertThat(rebuilt.toByteArray()).as(file.toString()).isEqualTo(body);
        }
    }

    @Test
    void quotedFieldsMayHoldLineBreaksCommasAndQuotesAndKeepTheirExactBytes() {
        String header = "id,note,place";
        String row0 = "1,\"line one\r\nline two\",\"Calle Mayor Ñ, 4\"";
        String row1 = "2,\"she said \"\"hi\"\"\",\"\uD83D\uDCA1 lamp\"";
        String row2 = "3,,\"\"";

        List<ParsedRecord> records = parse(header + "\r\n" + row0 + "\r\n" + row1 + "\r\n" + row2 + "\r\n");

        assertThat(records).extracting(r -> utf8(r.value())).containsExactly(row0, row1, row2);
        assertThat(records).extracting(ParsedRecord::index).containsExactly(0, 1, 2);
        assertThat(utf8(records.get(2).headers().get(CsvRecordBatchParser.HEADER_ROW_HEADER))).isEqualTo(header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void anyLineTerminatorSplitsRowsAndIsNotPartOfThem(String eol) {
        List<ParsedRecord> records = parse("a,b" + eol + "1,2" + eol + "3,\"x" + eol + "y\"");

        assertThat(records).extracting(r -> utf8(r.value())).containsExactly("1,2", "3,\"x" + eol + "y\"");
    }

    @Test
    void lastRowWithoutALineBreakIsRead() {
        assertThat(parse("a,b\n1,2")).extracting(r -> utf8(r.value())).containsExactly("1,2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n\n\n", "\r\n\r\n", "\n   \n\t\n", "\n \r\n"})
    void blankLinesAtTheEndAreIgnored(String trailer) {
        assertThat(parse("a,b\n1,2" + trailer)).extracting(r -> utf8(r.value())).containsExactly("1,2");
    }

    @Test
    void spacesAreKeptAsTheDepartmentSentThem() {
        assertThat(parse("a,b\n 1 , 2 \n")).extracting(r -> utf8(r.value())).containsExactly(" 1 , 2 ");
    }

    @Test
    void excelUnicodeTextRowsStayInUtf16() {
        // Excel's "Unicode Text" export: UTF-16LE with a byte-order mark, tab-separated.
        Charset utf16le = StandardCharsets.UTF_16LE;
        Dataset export = new Dataset("finance", "export", "test", DatasetFormat.CSV, utf16le, CanonicalEntity.FACILITY, "finance/export", '\t');
        String header = "Nr\tStraße\tBetrag";
        String row0 = "1\tWähringer Straße 12\t1200,50";
        String row1 = "2\t\"Gentzgasse\t40\"\t860";
        byte[] body = ("\uFEFF" + header + "\r\n" + row0 + "\r\n" + row1 + "\r\n").getBytes(utf16le);

        List<ParsedRecord> records = parser.parse(body, context(export));

        assertThat(records).extracting(r -> new String(r.value(), utf16le)).containsExactly(row0, row1);
        assertThat(new String(records.get(0).headers().get(CsvRecordBatchParser.HEADER_ROW_HEADER), utf16le))
                .isEqualTo("\uFEFF" + header);
    }

    @Test
    void gbkRowsStayInGbk() {
        String header = "编号,项目,金额,地址";
        String row0 = "1,路灯维修,1200.50,\"北京路 12号, 越秀区\"";
        String row1 = "2,\"树木修剪\n（第二批）\",860,中山五路";
        byte[] body = (header + "\r\n" + row0 + "\r\n" + row1 + "\r\n").getBytes(GBK);

        List<ParsedRecord> records = parser.parse(body, context(LEDGER));

        assertThat(records).hasSize(2);
        assertThat(records.get(0).value()).isEqualTo(row0.getBytes(GBK));
        assertThat(records.get(1).value()).isEqualTo(row1.getBytes(GBK));
        assertThat(records.get(0).headers().get(CsvRecordBatchParser.HEADER_ROW_HEADER)).isEqualTo(header.getBytes(GBK));
        assertThat(records.get(0).contentType()).isEqualTo("text/csv; charset=GBK");
        assertThat(new String(records.get(1).value(), GBK)).isEqualTo(row1);
    }

    @Test
    void aFileWithoutHeaderRowIsReadByTheCatalogsColumnsEveryRowARecord() {
        String row0 = "1;\"北京路\" 泵站;运行";
        String row1 = "2;中山五路泵站;检修";
        byte[] body = (row0 + "\r\n" + row1 + "\r\n").getBytes(GBK);

        List<ParsedRecord> records = parser.parse(body, new ParseContext(PUMP_LEDGER,
                ContentType.parse("text/csv; header=absent").orElseThrow(), GBK, BatchLimits.defaults()));

        assertThat(records).extracting(ParsedRecord::index).containsExactly(0, 1);
        assertThat(records.get(0).value()).as("no quoting: the quotes are part of the value").isEqualTo(row0.getBytes(GBK));
        assertThat(records.get(1).value()).isEqualTo(row1.getBytes(GBK));
        assertThat(records).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey(CsvRecordBatchParser.HEADER_ROW_HEADER));

        BatchRejectedException e = reject((row0 + "\n3;泵站\n").getBytes(GBK), PUMP_LEDGER);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).contains("Row 1 (line 2) has 2 columns: the catalog names 3 columns");
        assertThat(reject("\n".getBytes(GBK), PUMP_LEDGER).getMessage()).contains("The body is empty: send at least one data row");
    }

    @Test
    void eachRowIsKeyedByTheCatalogsKeyColumnSoVersionsOfARecordStayInOrder() {
        Dataset keyed = new Dataset("hotline", "myla311", "test", DatasetFormat.CSV, StandardCharsets.UTF_8,
                CanonicalEntity.SERVICE_REQUEST, "hotline/myla311", CsvLayout.DEFAULT, keys("SRNumber"));
        byte[] file = SharedDatasets.bytes(SharedDatasets.losAngeles311());
        List<byte[]> lines = SharedDatasets.lines(file);

        List<ParsedRecord> records = parser.parse(file, context(keyed));

        for (int i = 0; i < records.size(); i++) {
            // the first column of the export is SRNumber, never quoted
            String srNumber = utf8(lines.get(i + 1)).split(",", 2)[0];
            assertThat(records.get(i).localId()).as("row %d", i).isEqualTo(srNumber);
        }
        assertThat(records.get(0).localId()).isEqualTo("1-870704831");

        Dataset fallback = new Dataset("parks", "trees", "test", DatasetFormat.CSV, StandardCharsets.UTF_8,
                CanonicalEntity.FACILITY, "parks/trees", CsvLayout.DEFAULT, keys("TREE_ID", "OBJECTID"));
        assertThat(parser.parse(bytes("OBJECTID,TREE_ID,x\n1, T-9 ,a\n2,,b\n"), context(fallback)))
                .extracting(ParsedRecord::localId).containsExactly("T-9", "2");
        Dataset escaped = new Dataset("parks", "vienna-trees", "test", DatasetFormat.CSV, StandardCharsets.ISO_8859_1,
                CanonicalEntity.FACILITY, "parks/vienna-trees", CsvLayout.delimitedBy(';'), keys("Baum-Nr\\."));
        assertThat(parser.parse("Baum-Nr.;ART\n 17 ;Linde\n".getBytes(StandardCharsets.ISO_8859_1), context(escaped)))
                .extracting(ParsedRecord::localId).as("a column whose name holds a dot").containsExactly("17");
        Dataset ledger = new Dataset("public-works", "pump-ledger", "test", DatasetFormat.CSV, GBK,
                CanonicalEntity.FACILITY, "public-works/pump-ledger", PUMP_LEDGER.csv(), keys("编号"));
        assertThat(parser.parse("1;泵站;运行\n2;泵站;检修\n".getBytes(GBK), context(ledger)))
                .extracting(ParsedRecord::localId).containsExactly("1", "2");
    }

    @Test
    void gbkBytesInAUtf8DatasetAreAnEncodingErrorWithTheirOffsetAndLine() {
        byte[] body = "id,项目\n1,路灯\n".getBytes(GBK);
        int offset = "id,".length();

        BatchRejectedException e = reject(body, MYLA311);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
        assertThat(e.details()).containsEntry("encoding", "UTF-8").containsEntry("byteOffset", offset).containsEntry("line", 1);
    }

    @Test
    void utf8BytesInAGbkDatasetAreAnEncodingError() {
        // many UTF-8 sequences happen to be valid GBK pairs too; this line's are not all
        byte[] body = "id,street\n1,Calle Mayor Ñ 北京路\n".getBytes(StandardCharsets.UTF_8);

        BatchRejectedException e = reject(body, LEDGER);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ENCODING);
        assertThat(e.details()).containsEntry("encoding", "GBK").containsEntry("line", 2);
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItOpened() {
        BatchRejectedException e = reject("a,b,c\n1,2,3\n4,\"unclosed,6\n7,8,9\n10,11,12\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.details()).containsEntry("line", 3).containsEntry("column", 3).containsEntry("recordIndex", 1);
        assertThat(e.getMessage()).contains("line 3, column 3").contains("row 1").contains("not closed").contains("unbalanced quote");
    }

    @Test
    void theRealFileTruncatedInsideAQuotedAddressIsRefusedAtThatRow() {
        byte[] file = SharedDatasets.bytes(SharedDatasets.losAngeles311());
        String text = utf8(file);
        int lastRow = text.lastIndexOf('\n', text.length() - 2) + 1;
        int quote = text.indexOf('"', lastRow);
        assertThat(quote).as("the last row has a quoted field").isGreaterThan(lastRow);
        byte[] truncated = Arrays.copyOf(file, text.substring(0, quote + 5).getBytes(StandardCharsets.UTF_8).length);

        BatchRejectedException e = reject(truncated, MYLA311);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.details()).containsEntry("line", 2000).containsEntry("recordIndex", 1998);
        assertThat(e.getMessage()).contains("truncated last row");
    }

    @Test
    void theRealFileTruncatedBetweenFieldsIsAColumnCountMismatch() {
        byte[] file = SharedDatasets.bytes(SharedDatasets.perthTrees());
        String text = utf8(file);
        int lastRow = text.lastIndexOf('\n', text.length() - 2) + 1;
        int thirdComma = text.indexOf(',', text.indexOf(',', text.indexOf(',', lastRow) + 1) + 1);
        byte[] truncated = Arrays.copyOf(file, text.substring(0, thirdComma).getBytes(StandardCharsets.UTF_8).length);

        BatchRejectedException e = reject(truncated, TREES);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.details()).containsEntry("line", 2000).containsEntry("recordIndex", 1998)
                .containsEntry("columns", 3).containsEntry("expected", 15);
    }

    @Test
    void aRowWithMoreColumnsThanTheHeaderIsRefusedWithItsLineAndCounts() {
        BatchRejectedException e = reject("a,b,c\n1,2,3\n\"4\",\"5,5\",6,7\n8,9,10\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.details()).containsEntry("line", 3).containsEntry("recordIndex", 1)
                .containsEntry("columns", 4).containsEntry("expected", 3);
        assertThat(e.getMessage()).contains("Row 1 (line 3) has 4 columns").contains("header row has 3 columns");
    }

    @Test
    void aRowWithFewerColumnsAfterAMultiLineFieldCountsPhysicalLines() {
        BatchRejectedException e = reject("a,b\n\"x\ny\",2\n3\n");

        assertThat(e.details()).containsEntry("line", 4).containsEntry("recordIndex", 1).containsEntry("columns", 1);
    }

    @Test
    void aBlankLineBetweenRowsIsRefused() {
        BatchRejectedException e = reject("a,b\n1,2\n\n3,4\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.details()).containsEntry("line", 3).containsEntry("recordIndex", 1);
        assertThat(e.getMessage()).contains("Line 3 (row 1) is blank");
    }

    @Test
    void aSingleColumnFileMayHaveEmptyValues() {
        assertThat(parse("name\nElm\n\nOak\n")).extracting(r -> utf8(r.value())).containsExactly("Elm", "", "Oak");
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        BatchRejectedException e = reject("a,b\n\"x\"y,2\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.details()).containsEntry("line", 2).containsKey("column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", "  \r\n", "\uFEFF", "\uFEFF\n"})
    void anEmptyBodyIsRefused(String body) {
        BatchRejectedException e = reject(body);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).contains("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,b", "a,b\n", "\uFEFFa,b\r\n\r\n"})
    void aHeaderRowWithoutDataRowsIsRefused(String body) {
        BatchRejectedException e = reject(body);

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).contains("only the header row");
    }

    @Test
    void aBlankFirstLineIsNoHeaderRow() {
        BatchRejectedException e = reject("\na,b\n1,2\n");

        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_CSV);
        assertThat(e.getMessage()).contains("header row (line 1) is blank");
    }

    @Test
    void headerAbsentIsNotAccepted() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> parser.parse(
                bytes("1,2\n"), new ParseContext(MYLA311, ContentType.parse("text/csv; header=absent").orElseThrow(),
                        StandardCharsets.UTF_8, BatchLimits.defaults())));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void moreRowsThanTheBatchLimitAreRefused() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> parser.parse(bytes("a\n1\n2\n3\n4\n"), context(MYLA311, new BatchLimits(1_000_000, 1000, 3))));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("limit", 3);
    }

    @Test
    void exactlyTheRecordLimitIsAccepted() {
        assertThat(parser.parse(bytes("a\n1\n2\n3\n"), context(MYLA311, new BatchLimits(1_000_000, 1000, 3)))).hasSize(3);
    }

    @Test
    void aRowOverTheRecordLimitCountingItsHeaderRowIsRefused() {
        String header = "id,notes";
        String body = header + "\n1,short\n2," + "x".repeat(100 - header.length() - 2 + 1) + "\n";

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> parser.parse(bytes(body), context(MYLA311, new BatchLimits(1_000_000, 100, 1000))));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("recordIndex", 1).containsEntry("line", 3)
                .containsEntry("size", 101).containsEntry("limit", 100);
    }

    @Test
    void readsTextCsvForCsvDatasetsOnly() {
        assertThat(parser.supports(ContentType.parse("text/csv; charset=GBK").orElseThrow())).isTrue();
        assertThat(parser.supports(ContentType.parse("application/json").orElseThrow())).isFalse();
        assertThat(parser.datasetFormats()).containsExactly(DatasetFormat.CSV);
        assertThat(parser.mediaTypes()).containsExactly("text/csv");
    }

    private List<ParsedRecord> parse(String body) {
        return parser.parse(bytes(body), context(MYLA311));
    }

    private BatchRejectedException reject(String body) {
        return reject(bytes(body), MYLA311);
    }

    private BatchRejectedException reject(byte[] body, Dataset dataset) {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> parser.parse(body, context(dataset)));
        assertThat(e).as("rejected").isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        return e;
    }

    private static ParseContext context(Dataset dataset) {
        return context(dataset, BatchLimits.defaults());
    }

    private static ParseContext context(Dataset dataset, BatchLimits limits) {
        return new ParseContext(dataset, ContentType.parse("text/csv").orElseThrow(), dataset.encoding(), limits);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<MemberPath> keys(String... paths) {
        return Stream.of(paths).map(MemberPath::parse).toList();
    }
}
