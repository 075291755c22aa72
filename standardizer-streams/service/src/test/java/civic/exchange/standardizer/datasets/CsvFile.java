package civic.exchange.standardizer.datasets;

import civic.exchange.standardizer.SharedDatasets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file of the shared datasets cut the way HTTP ingest cuts it: the header row's bytes, and
 * each data row's bytes, without line ends, in the file's encoding (a byte-order mark stays on the
 * header row). The shared CSVs have no line breaks inside quoted values, so cutting at LF is exact.
 */
record CsvFile(byte[] header, List<byte[]> rows) {

    static CsvFile of(String relative) {
        byte[] bytes = SharedDatasets.bytes(relative);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    lines.add(Arrays.copyOfRange(bytes, start, end));
                }
                start = i + 1;
            }
        }
        return new CsvFile(lines.get(0), List.copyOf(lines.subList(1, lines.size())));
    }

    /** The first data row whose text starts with {@code prefix}. */
    byte[] rowStartingWith(String prefix) {
        for (byte[] row : rows) {
            if (new String(row, java.nio.charset.StandardCharsets.UTF_8).startsWith(prefix)) {
                return row;
            }
        }
        throw new AssertionError("no row starts with " + prefix);
    }
}
