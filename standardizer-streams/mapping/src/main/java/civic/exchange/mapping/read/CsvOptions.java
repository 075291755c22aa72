package civic.exchange.mapping.read;

import java.util.List;

/**
 * How a spec says its CSV rows are written.
 *
 * @param delimiter the column separator
 * @param quote     the quote character, or null when values are never quoted
 * @param escape    an escape character inside values, or null (quotes are doubled, as RFC 4180 says)
 * @param columns   column names for headerless files; empty when each record carries its header row
 *                  in the {@link CsvRecordReader#HEADER_ROW} header
 */
public record CsvOptions(char delimiter, Character quote, Character escape, List<String> columns) {

    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', null, List.of());

    public CsvOptions {
        columns = List.copyOf(columns);
    }

    public boolean hasHeaderRow() {
        return columns.isEmpty();
    }
}
