package civic.exchange.mapping.read;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.headers.ExchangeHeaders;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One CSV data row per record, as HTTP ingest writes them: the record's value is the row's bytes in
 * the dataset's encoding (no line end needed), and the file's header row travels in the
 * {@value #HEADER_ROW} Kafka header, in the same encoding. A dataset's catalog entry may instead
 * name the columns ({@code header: false}, {@code columns:}) for files without a header row.
 *
 * <p>The row becomes a flat tree, column name (trimmed) → text; empty cells are absent. Strict: both the row
 * and the header must decode in the dataset's charset ({@code INVALID_ENCODING}); a UTF-8 byte-order
 * mark is dropped; an unbalanced quote, more than one row, or a number of values that differs from
 * the number of columns is {@code MALFORMED_CSV}. Parsing is Jackson's CSV parser.
 */
public final class CsvRecordReader implements RecordReader {

    /**
     * Kafka header holding the raw bytes of the CSV file's header row, in the dataset's encoding.
     * Written by HTTP ingest next to each data row.
     */
    public static final String HEADER_ROW = ExchangeHeaders.CSV_HEADER_ROW;

    private static final CsvFactory FACTORY = new CsvFactory();

    private final CsvSchema schema;
    private final String[] declaredColumns;
    /** The last header row seen and its parsed names: every row of a file carries the same one. */
    private volatile ParsedHeader lastHeader;

    private record ParsedHeader(byte[] raw, Charset charset, String[] names) {
    }

    public CsvRecordReader(CsvLayout options) {
        CsvSchema s = CsvSchema.emptySchema().withColumnSeparator(options.delimiter());
        s = options.quote() == null ? s.withoutQuoteChar() : s.withQuoteChar(options.quote());
        s = options.escape() == null ? s.withoutEscapeChar() : s.withEscapeChar(options.escape());
        this.schema = s;
        this.declaredColumns = options.hasHeaderRow() ? null : options.columns().toArray(String[]::new);
    }

    @Override
    public DatasetFormat format() {
        return DatasetFormat.CSV;
    }

    @Override
    public JsonNode read(byte[] payload, Charset charset, Headers headers) {
        if (payload == null || payload.length == 0) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, "the record is empty: expected one CSV row");
        }
        String[] names = declaredColumns != null ? declaredColumns : headerNames(headers, charset);
        List<String> values = parseRow(StrictText.stripBom(StrictText.decode(payload, charset, "the row")), "the row");
        if (values.size() != names.length) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, "the row has " + values.size()
                    + " values but the " + (declaredColumns != null ? "spec declares " : "header row has ")
                    + names.length + " columns");
        }
        // sized for every column up front: no rehashing while the row is filled
        ObjectNode row = new ObjectNode(JsonNodeFactory.instance, new LinkedHashMap<>(names.length * 4 / 3 + 1));
        for (int i = 0; i < names.length; i++) {
            String value = values.get(i);
            if (!value.isEmpty()) {
                row.put(names[i], value);
            }
        }
        return row;
    }

    private String[] headerNames(Headers headers, Charset charset) {
        Header header = headers == null ? null : headers.lastHeader(HEADER_ROW);
        if (header == null || header.value() == null || header.value().length == 0) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, "the row comes without its header row (Kafka header "
                    + HEADER_ROW + "), and the spec declares no columns");
        }
        byte[] raw = header.value();
        ParsedHeader last = lastHeader;
        if (last != null && last.charset.equals(charset) && Arrays.equals(last.raw, raw)) {
            return last.names;
        }
        List<String> names = parseRow(StrictText.stripBom(StrictText.decode(raw, charset, "the header row")), "the header row");
        names.replaceAll(String::strip); // "Name, Address" names Address, not " Address"
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isBlank()) {
                throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, "the header row has a column without a name");
            }
            if (!seen.add(name)) {
                throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, "the header row names column '" + name + "' twice");
            }
        }
        String[] parsed = names.toArray(String[]::new);
        lastHeader = new ParsedHeader(raw.clone(), charset, parsed);
        return parsed;
    }

    /** The values of exactly one CSV row. */
    private List<String> parseRow(String text, String what) {
        List<String> values = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            ((CsvParser) parser).setSchema(schema);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, what + " is blank");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            }
            if (token != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, what + " holds more than one CSV row");
            }
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException(ErrorCode.MALFORMED_CSV, null, what + " is not valid CSV: "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String: not expected
        }
        return values;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
