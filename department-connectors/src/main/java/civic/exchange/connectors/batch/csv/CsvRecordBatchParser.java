package civic.exchange.connectors.batch.csv;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.catalog.MemberPath;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.CharToByteOffsets;
import civic.exchange.connectors.batch.ContentType;
import civic.exchange.connectors.batch.ParseContext;
import civic.exchange.connectors.batch.ParsedRecord;
import civic.exchange.connectors.batch.RecordBatchParser;
import civic.exchange.connectors.batch.StrictDecoder;
import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ExchangeHeaders;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code text/csv} bodies for datasets of catalog format {@code csv}: a header row, then one
 * record per data row (RFC 4180: comma-separated, fields optionally in double quotes, a quoted
 * field may hold commas, doubled quotes and line breaks). The dataset's catalog entry may declare
 * another delimiter, quote or escape character, and for files without a header row the column
 * names ({@code header: false}, {@code columns}): then every row is a record and no header travels.
 *
 * <p>Raw records keep the bytes as the department has them: each record's value is its row's exact
 * bytes in the dataset's declared encoding, without the line terminator, and every record carries
 * the header row's exact bytes in the Kafka header {@value #HEADER_ROW_HEADER} (with the UTF-8
 * byte-order mark when the body starts with one: a reader decodes the header with the dataset's
 * encoding and drops a leading U+FEFF). Rows are split by Jackson's CSV parser over the strictly
 * decoded text, and the bytes are then cut out of the body at the parser's character positions, so
 * nothing is re-encoded. Every record is handed the same header row array: the raw-topic publisher
 * writes it once per partition and batch, as a CSV header record, and the rows only its id.
 *
 * <p>The whole body is checked first: every data row must have as many columns as the header row
 * (or as the catalog names);
 * an unclosed quote (a truncated last row) is refused with the line it opened on. Blank lines at the
 * end are ignored; a blank line between rows is a row with one empty column (refused unless the
 * header names exactly one column). Each row's Kafka key is its value in the dataset's {@code key}
 * column (the first that is not blank, when the catalog lists several), so that the versions of one
 * record stay in order on one partition; null when the catalog names no key.
 */
@ApplicationScoped
public class CsvRecordBatchParser implements RecordBatchParser {

    /**
     * Format header with the header row's bytes in the dataset's encoding, on every record of a CSV
     * dataset with a header row (the publisher turns it into a header record and an id on the row).
     */
    public static final String HEADER_ROW_HEADER = ExchangeHeaders.CSV_HEADER_ROW;

    public static final String MEDIA_TYPE = "text/csv";

    private static final char BOM = '\uFEFF';

    private final CsvFactory factory = new CsvFactory();

    @Override
    public boolean supports(ContentType contentType) {
        return MEDIA_TYPE.equals(contentType.mediaType());
    }

    @Override
    public List<String> mediaTypes() {
        return List.of(MEDIA_TYPE);
    }

    @Override
    public Set<DatasetFormat> datasetFormats() {
        return Set.of(DatasetFormat.CSV);
    }

    @Override
    public List<ParsedRecord> parse(byte[] body, ParseContext context) {
        // RFC 7111's "header=absent": rows without names cannot be mapped by column name downstream,
        // unless the dataset's catalog entry names its columns
        if (context.dataset().csv().hasHeaderRow()
                && "absent".equalsIgnoreCase(context.contentType().parameters().get("header"))) {
            throw new BatchRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "CSV bodies for " + context.dataset().qualifiedId() + " must start with a header row; header=absent is not accepted",
                    BatchRejectedException.detail().with("contentType", context.contentType().toString()).map());
        }
        // the text is held only while the rows are found: their bytes are cut out of the body
        return new Reader(body, StrictDecoder.decodeAll(body, context.encoding()), context).read();
    }

    /** Where one row lies in the decoded text, and on which line it starts. */
    private record Row(int start, int line, int columns, String key) {
    }

    /** One pass over one body; remembers which row it is in so errors can say so. */
    private final class Reader {
        private final byte[] body;
        /** The decoded body, until the rows are found; dropped before their bytes are cut. */
        private String text;
        private final ParseContext context;
        private final BatchLimits limits;
        /** First character of the CSV text: after a byte-order mark, which is not part of the first column's name. */
        private final int from;
        /** End of the CSV text: before any blank lines at the end. */
        private final int to;
        private final List<Row> rows = new ArrayList<>();
        private final CsvLayout layout;
        /** Index of the first data row: 1 after a header row, 0 in a file whose columns the catalog names. */
        private final int firstData;
        /** Positions of the catalog's key columns, in the order to try; empty without a key. */
        private int[] keyColumns = new int[0];

        Reader(byte[] body, String text, ParseContext context) {
            this.body = body;
            this.text = text;
            this.context = context;
            this.limits = context.limits();
            this.from = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
            this.to = contentEnd(text, from);
            this.layout = context.dataset().csv();
            this.firstData = layout.hasHeaderRow() ? 1 : 0;
            if (firstData == 0) {
                keyColumns = keyColumns(layout.columns());
            }
        }

        /** Where the catalog's key columns are among these names (trimmed, as the standardizer reads them). */
        private int[] keyColumns(List<String> names) {
            List<Integer> positions = new ArrayList<>();
            for (MemberPath key : context.dataset().key()) {
                String column = key.column().orElseThrow(); // the catalog refuses nested keys for csv
                for (int i = 0; i < names.size(); i++) {
                    if (names.get(i).strip().equals(column)) {
                        positions.add(i);
                        break;
                    }
                }
            }
            return positions.stream().mapToInt(Integer::intValue).toArray();
        }

        List<ParsedRecord> read() {
            if (to == from) {
                throw malformed("The body is empty: send " + (firstData == 1 ? "a header row and " : "")
                        + "at least one data row for " + context.dataset().qualifiedId(), BatchRejectedException.detail());
            }
            split();
            if (rows.size() == firstData) {
                throw malformed("The body holds only the header row: send at least one data row for "
                        + context.dataset().qualifiedId(), BatchRejectedException.detail().with("line", 1));
            }
            int[] ends = new int[rows.size()];
            for (int i = 0; i < ends.length; i++) {
                ends[i] = end(i);
            }
            // positions are all the slicing needs: the text may go before the rows' bytes are copied
            text = null;
            return slice(ends);
        }

        /** Finds every row with the CSV parser and checks its shape. */
        private void split() {
            // over the CSV text in place: no copy of it without the byte-order mark and the blank lines at the end
            try (CsvParser parser = factory.createParser(new StringRegionReader(text, from, to))) {
                parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
                // The dataset's layout as its catalog entry declares it: the standardizer reads each row with the same.
                CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(layout.delimiter());
                schema = layout.quote() == null ? schema.withoutQuoteChar() : schema.withQuoteChar(layout.quote());
                schema = layout.escape() == null ? schema.withoutEscapeChar() : schema.withEscapeChar(layout.escape());
                parser.setSchema(schema);
                try {
                    parser.nextToken(); // the array around all rows
                    JsonToken token;
                    while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
                        readRow(parser);
                    }
                    if (token != JsonToken.END_ARRAY) {
                        throw new IllegalStateException("Unexpected " + token + " between CSV rows");
                    }
                } catch (JsonProcessingException e) {
                    throw unreadable(parser, e);
                }
            } catch (IOException e) {
                // reading from memory: only parse errors are possible, handled above
                throw new UncheckedIOException(e);
            }
        }

        private void readRow(CsvParser parser) throws IOException {
            int rowNumber = rows.size();
            if (rowNumber > limits.maxRecords()) {
                throw new BatchRejectedException(ErrorCode.PAYLOAD_TOO_LARGE,
                        "The batch holds more than " + limits.maxRecords() + " records; split it",
                        BatchRejectedException.detail().with("limit", limits.maxRecords()).map());
            }
            boolean header = rowNumber == 0 && firstData == 1;
            List<String> names = header ? new ArrayList<>() : null;
            String[] keys = keyColumns.length == 0 ? null : new String[keyColumns.length];
            int start = -1;
            int line = -1;
            int columns = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new IllegalStateException("CSV row " + rowNumber + " has no end");
                }
                if (columns == 0) {
                    // a row starts where its first field does (the opening quote of a quoted one)
                    JsonLocation first = parser.currentTokenLocation();
                    start = from + (int) first.getCharOffset();
                    line = first.getLineNr();
                }
                if (names != null) {
                    names.add(parser.getText());
                } else if (keys != null) {
                    for (int which = 0; which < keyColumns.length; which++) {
                        if (keyColumns[which] == columns) {
                            keys[which] = parser.getText();
                        }
                    }
                }
                columns++;
            }
            Row row = new Row(start, line, columns, firstKey(keys));
            if (header) {
                if (isBlank(row)) {
                    throw malformed("The header row (line 1) is blank: the first line must name the columns",
                            BatchRejectedException.detail().with("line", 1));
                }
                keyColumns = keyColumns(names);
            } else if (columns != expectedColumns()) {
                throw columnCount(row, rowNumber - firstData, expectedColumns());
            }
            rows.add(row);
        }

        /** The first of the row's key values that is not blank, trimmed: the raw record's Kafka key. */
        private static String firstKey(String[] keys) {
            if (keys != null) {
                for (String key : keys) {
                    if (key != null && !key.isBlank()) {
                        return key.strip();
                    }
                }
            }
            return null;
        }

        /** The header row's number of columns, or the number the catalog names for a file without one. */
        private int expectedColumns() {
            return firstData == 1 ? rows.get(0).columns() : layout.columns().size();
        }

        /** A row read from an empty line: one empty, unquoted field. */
        private boolean isBlank(Row row) {
            return row.columns() == 1 && (row.start() >= to || text.charAt(row.start()) == '\r' || text.charAt(row.start()) == '\n');
        }

        private BatchRejectedException columnCount(Row row, int recordIndex, int expected) {
            String columnsFrom = firstData == 1 ? "the header row has " : "the catalog names ";
            String message = isBlank(row)
                    ? "Line " + row.line() + " (row " + recordIndex + ") is blank but " + columnsFrom + expected
                    + " columns; only blank lines at the end of the body are ignored"
                    : "Row " + recordIndex + " (line " + row.line() + ") has " + row.columns() + " column"
                    + (row.columns() == 1 ? "" : "s") + ": " + columnsFrom + expected + " columns";
            return malformed(message,
                    BatchRejectedException.detail()
                            .with("line", row.line())
                            .with("recordIndex", recordIndex)
                            .with("columns", row.columns())
                            .with("expected", expected));
        }

        private BatchRejectedException unreadable(CsvParser parser, JsonProcessingException e) {
            // the token location is the start of the field being read: for an unclosed quote, where it opened
            JsonLocation field = parser.currentTokenLocation();
            int rowNumber = rows.size();
            String where = rowNumber < firstData ? "the header row" : "row " + (rowNumber - firstData);
            String reason = e.getOriginalMessage();
            if (reason != null && reason.startsWith("Missing closing quote")) {
                reason = "the quoted field that opens here is not closed before the end of the body"
                        + " (unbalanced quote or truncated last row)";
            }
            return new BatchRejectedException(ErrorCode.MALFORMED_CSV, null,
                    "Malformed CSV at line " + field.getLineNr() + ", column " + field.getColumnNr() + " (" + where + "): "
                            + reason,
                    BatchRejectedException.detail()
                            .with("line", field.getLineNr())
                            .with("column", field.getColumnNr())
                            .with("recordIndex", rowNumber < firstData ? null : rowNumber - firstData)
                            .map(), e);
        }

        /** Cuts each row's bytes out of the body at the rows' character positions. */
        private List<ParsedRecord> slice(int[] ends) {
            Charset encoding = context.encoding();
            CharToByteOffsets offsets = new CharToByteOffsets(body, encoding);
            // the header row from the first byte: a byte-order mark stays with it
            byte[] headerRow = firstData == 1 ? Arrays.copyOfRange(body, 0, offsets.byteOffset(ends[0])) : new byte[0];
            Map<String, byte[]> headers = firstData == 1 ? Map.of(HEADER_ROW_HEADER, headerRow) : Map.of();
            String contentType = MEDIA_TYPE + "; charset=" + encoding.name();
            List<ParsedRecord> records = new ArrayList<>(rows.size() - firstData);
            for (int i = firstData; i < rows.size(); i++) {
                int byteStart = offsets.byteOffset(rows.get(i).start());
                int byteEnd = offsets.byteOffset(ends[i]);
                int recordIndex = i - firstData;
                int size = byteEnd - byteStart + headerRow.length;
                if (size > limits.maxRecordBytes()) {
                    throw new BatchRejectedException(ErrorCode.PAYLOAD_TOO_LARGE, null,
                            "Row " + recordIndex + " (line " + rows.get(i).line() + ") is " + (byteEnd - byteStart)
                                    + " bytes, " + size + " with the header row it carries; the limit is "
                                    + limits.maxRecordBytes() + " bytes per record",
                            BatchRejectedException.detail()
                                    .with("line", rows.get(i).line())
                                    .with("recordIndex", recordIndex)
                                    .with("size", size)
                                    .with("limit", limits.maxRecordBytes())
                                    .map(), null);
                }
                records.add(new ParsedRecord(recordIndex, rows.get(i).key(), Arrays.copyOfRange(body, byteStart, byteEnd),
                        contentType, headers));
            }
            return records;
        }

        /** End of row {@code i}'s text: where its line terminator (CRLF, LF or CR) starts. */
        private int end(int i) {
            if (i == rows.size() - 1) {
                return to;
            }
            int next = rows.get(i + 1).start();
            // a row's own text never ends in CR or LF (a quoted field ends with its quote), so the
            // characters before the next row are exactly this row's terminator
            if (next >= 2 && text.charAt(next - 1) == '\n' && text.charAt(next - 2) == '\r') {
                return next - 2;
            }
            char terminator = text.charAt(next - 1);
            if (terminator != '\n' && terminator != '\r') {
                throw new IllegalStateException("CSV row " + (i + 1) + " does not start on a new line (character " + next + ")");
            }
            return next - 1;
        }

        private BatchRejectedException malformed(String message, BatchRejectedException.Details details) {
            return new BatchRejectedException(ErrorCode.MALFORMED_CSV, message, details.map());
        }
    }

    /**
     * Where the CSV text ends once blank lines (empty, or spaces and tabs only) at the end are
     * dropped, with the line terminator before them; {@code from} when every line is blank.
     */
    static int contentEnd(String text, int from) {
        int end = text.length();
        while (end > from) {
            int lineStart = end;
            while (lineStart > from && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
                lineStart--;
            }
            if (!onlySpacesAndTabs(text, lineStart, end)) {
                return end;
            }
            if (lineStart == from) {
                return from;
            }
            // drop the blank line and the terminator before it (CRLF counts once)
            end = lineStart - 1;
            if (text.charAt(end) == '\n' && end > from && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return from;
    }

    private static boolean onlySpacesAndTabs(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }
}
