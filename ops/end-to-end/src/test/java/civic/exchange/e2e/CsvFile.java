package civic.exchange.e2e;

import civic.exchange.localbus.datasets.CityDatasets;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A UTF-8 CSV file of the city datasets with a header row, read independently of the services
 * (Jackson's CSV parser), so a test can say what the bus should hold for it.
 */
record CsvFile(Path path, List<String> columns, List<Map<String, String>> rows) {

    private static final CsvMapper CSV = new CsvMapper();

    /** A file of the repository's city datasets ({@code ops/datasets}). */
    static Path cityDataset(String file) {
        return CityDatasets.file(file);
    }

    static CsvFile read(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // the Perth file starts with a byte-order mark
            }
            try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
                List<Map<String, String>> all = rows.readAll();
                List<String> columns = ((CsvSchema) rows.getParserSchema()).getColumnNames();
                return new CsvFile(path, List.copyOf(columns), List.copyOf(all));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /** One data row of this file (as a raw record holds it: UTF-8, no line end), column → value. */
    Map<String, String> parseRow(byte[] row) {
        CsvSchema schema = CsvSchema.builder().addColumns(columns, CsvSchema.ColumnType.STRING).build();
        try {
            return CSV.readerFor(Map.class).with(schema).readValue(new String(row, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Not a row of " + path + ": " + new String(row, StandardCharsets.UTF_8), e);
        }
    }
}
