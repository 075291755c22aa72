package civic.exchange.mapping.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static final Charset UTF8 = StandardCharsets.UTF_8;
    private static final Charset GBK = Charset.forName("GBK");

    private final CsvRecordReader reader = new CsvRecordReader(CsvLayout.DEFAULT);

    private static Headers header(byte[] row) {
        Headers headers = new RecordHeaders();
        headers.add(CsvRecordReader.HEADER_ROW, row);
        return headers;
    }

    private static Headers header(String row) {
        return header(row.getBytes(UTF8));
    }

    @Test
    void aRowIsReadByTheNamesOfItsHeaderRowAndEmptyCellsAreAbsent() {
        JsonNode row = reader.read("1-870704831,\"2111 W BELLEVUE AVE, 90026\",,\"say \"\"hi\"\"\"".getBytes(UTF8), UTF8,
                header("SRNumber,Address,MobileOS,Notes"));
        assertThat(row.get("SRNumber").textValue()).isEqualTo("1-870704831");
        assertThat(row.get("Address").textValue()).isEqualTo("2111 W BELLEVUE AVE, 90026");
        assertThat(row.has("MobileOS")).isFalse();
        assertThat(row.get("Notes").textValue()).isEqualTo("say \"hi\"");
        assertThat(reader.format()).isEqualTo(DatasetFormat.CSV);
        assertThat(CsvRecordReader.HEADER_ROW).isEqualTo("exchange.csv-header");
    }

    @Test
    void aByteOrderMarkIsDroppedAndALineEndIsAllowed() {
        byte[] headerWithBom = "\uFEFFX,Y,TREE_ID".getBytes(UTF8);
        assertThat(headerWithBom).startsWith(0xEF, 0xBB, 0xBF);
        JsonNode row = reader.read("12897674.3239,-3757874.2832,1918\r\n".getBytes(UTF8), UTF8, header(headerWithBom));
        assertThat(row.get("X").textValue()).isEqualTo("12897674.3239");
        assertThat(row.get("TREE_ID").textValue()).isEqualTo("1918");
        assertThat(row.has("\uFEFFX")).isFalse();
    }

    @Test
    void aFileInGbkIsReadInGbk() {
        JsonNode row = reader.read("0012,东风泵站,运行".getBytes(GBK), GBK, header("编号,名称,状态".getBytes(GBK)));
        assertThat(row.get("名称").textValue()).isEqualTo("东风泵站");
        assertThat(row.get("状态").textValue()).isEqualTo("运行");
    }

    @Test
    void excelUnicodeTextIsReadAsUtf16WithItsMarkOnlyOnTheHeaderRow() {
        Charset utf16le = StandardCharsets.UTF_16LE;
        CsvRecordReader tabs = new CsvRecordReader(new CsvLayout('\t', '"', null, List.of()));
        JsonNode row = tabs.read("2\tGentzgasse 40\t860".getBytes(utf16le), utf16le,
                header("\uFEFFNr\tStraße\tBetrag".getBytes(utf16le)));
        assertThat(row.get("Nr").textValue()).isEqualTo("2");
        assertThat(row.get("Straße").textValue()).isEqualTo("Gentzgasse 40");
    }

    @Test
    void theHeaderRowOfEachRecordCounts() {
        assertThat(reader.read("1,2".getBytes(UTF8), UTF8, header("a,b")).get("b").textValue()).isEqualTo("2");
        // Another file with other columns: the cached header row is not reused.
        assertThat(reader.read("1,2".getBytes(UTF8), UTF8, header("c,d")).get("d").textValue()).isEqualTo("2");
        assertThat(reader.read("1,2".getBytes(UTF8), UTF8, header("a,b")).has("d")).isFalse();
        assertThat(reader.read("1,2".getBytes(UTF8), UTF8, header("Name, Address ")).get("Address").textValue())
                .as("header names are trimmed").isEqualTo("2");
    }

    @Test
    void declaredColumnsOtherDelimitersQuotesAndEscapesAreHonoured() {
        CsvRecordReader semicolons = new CsvRecordReader(new CsvLayout(';', '\'', null, List.of("id", "name", "note")));
        JsonNode row = semicolons.read("7;'Pump; north';it's".getBytes(UTF8), UTF8, null);
        assertThat(row.get("name").textValue()).isEqualTo("Pump; north");
        assertThat(row.get("note").textValue()).isEqualTo("it's");

        CsvRecordReader tabs = new CsvRecordReader(new CsvLayout('\t', null, '\\', List.of("a", "b")));
        JsonNode tabbed = tabs.read("\"quoted\"\tx\\\ty".getBytes(UTF8), UTF8, null);
        assertThat(tabbed.get("a").textValue()).as("no quote character: quotes are text").isEqualTo("\"quoted\"");
        assertThat(tabbed.get("b").textValue()).isEqualTo("x\ty");
    }

    @Test
    void brokenRowsAreMalformedCsv() {
        Headers abc = header("a,b,c");
        assertRejected(() -> reader.read("1,\"2,3".getBytes(UTF8), UTF8, abc), ErrorCode.MALFORMED_CSV, "quote");
        assertRejected(() -> reader.read("1,\"2\"x,3".getBytes(UTF8), UTF8, abc), ErrorCode.MALFORMED_CSV, "not valid CSV");
        assertRejected(() -> reader.read("1,2".getBytes(UTF8), UTF8, abc), ErrorCode.MALFORMED_CSV, "2 values but the header row has 3");
        assertRejected(() -> reader.read("1,2,3,4".getBytes(UTF8), UTF8, abc), ErrorCode.MALFORMED_CSV, "4 values");
        assertRejected(() -> reader.read("1,2,3\n4,5,6".getBytes(UTF8), UTF8, abc), ErrorCode.MALFORMED_CSV, "more than one");
        assertRejected(() -> reader.read(new byte[0], UTF8, abc), ErrorCode.MALFORMED_CSV, "empty");
        assertRejected(() -> reader.read("1,2,3".getBytes(UTF8), UTF8, new RecordHeaders()), ErrorCode.MALFORMED_CSV,
                "exchange.csv-header");
        assertRejected(() -> reader.read("1,2,3".getBytes(UTF8), UTF8, header("a,b,a")), ErrorCode.MALFORMED_CSV,
                "names column 'a' twice");
        assertRejected(() -> reader.read("1,2,3".getBytes(UTF8), UTF8, header("a,,c")), ErrorCode.MALFORMED_CSV,
                "without a name");
        CsvRecordReader declared = new CsvRecordReader(new CsvLayout(',', '"', null, List.of("a", "b")));
        assertRejected(() -> declared.read("1,2,3".getBytes(UTF8), UTF8, null), ErrorCode.MALFORMED_CSV, "spec declares 2");
    }

    @Test
    void bytesTheDeclaredEncodingCannotReadAreInvalidEncoding() {
        assertRejected(() -> reader.read("0012,东风泵站".getBytes(GBK), UTF8, header("a,b")), ErrorCode.INVALID_ENCODING,
                "not valid UTF-8");
        assertRejected(() -> reader.read("1,2".getBytes(UTF8), UTF8, header("编号,名称".getBytes(GBK))),
                ErrorCode.INVALID_ENCODING, "header row");
        assertRejected(() -> reader.read(new byte[] {'1', ',', (byte) 0x81}, GBK, header("a,b")), ErrorCode.INVALID_ENCODING,
                "not valid GBK");
    }

    private static void assertRejected(ThrowableAssert.ThrowingCallable read, ErrorCode code, String reason) {
        assertThatThrownBy(read).isInstanceOfSatisfying(RecordRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(reason);
        });
    }
}
