package civic.exchange.catalog;

import java.util.List;

/**
 * How a {@code csv} dataset's rows are written, as its catalog entry declares: HTTP ingest cuts a
 * body into rows with it and the standardizer reads each row with it.
 *
 * @param delimiter the column separator ({@code ,} unless declared)
 * @param quote     the quote character ({@code "} unless declared), or null when values are never quoted
 * @param escape    an escape character inside values, or null (quotes are doubled, as RFC 4180 says)
 * @param columns   the column names of a file without a header row, in file order; empty when the
 *                  file starts with a header row, which then travels once per partition and
 *                  batch in a CSV header record, named by each row's {@code exchange.csv-header-id}
 *                  (or with a row in its {@code exchange.csv-header} record header)
 */
public record CsvLayout(char delimiter, Character quote, Character escape, List<String> columns) {

    /** Comma-separated, double quotes, a header row. */
    public static final CsvLayout DEFAULT = new CsvLayout(',', '"', null, List.of());

    public CsvLayout {
        columns = List.copyOf(columns);
    }

    /** The default layout with another column separator. */
    public static CsvLayout delimitedBy(char delimiter) {
        return new CsvLayout(delimiter, DEFAULT.quote(), null, List.of());
    }

    public boolean hasHeaderRow() {
        return columns.isEmpty();
    }
}
