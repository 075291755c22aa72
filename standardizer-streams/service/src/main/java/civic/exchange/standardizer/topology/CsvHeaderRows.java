package civic.exchange.standardizer.topology;

import civic.exchange.headers.ExchangeHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The CSV header rows one task has been sent, by id: its {@code <department>.<dataset>.csv-headers}
 * store (persistent, changelogged, so a restart or a rebalance finds the rows written before the
 * committed offset), with the latest few in memory in front of it.
 *
 * <p>A row asks for its header row by the bytes of its {@code exchange.csv-header-id}. The common
 * case, a row of the same batch as the row before, compares 64 bytes and allocates nothing; the
 * answer is always the same {@link Header} instance for one id, so the mapping library's own
 * header-row cache recognises it by identity instead of comparing its bytes.
 */
final class CsvHeaderRows {

    /** Header rows kept in memory per task: a dataset has few distinct header rows. */
    static final int CACHED = 16;

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, Header> cached = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Header> eldest) {
            return size() > CACHED;
        }
    };
    private byte[] lastId;
    private Header last;

    CsvHeaderRows(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Keeps a header row under its id (for good: rows of later batches may name it again). */
    void keep(String id, byte[] headerRow) {
        store.put(id, headerRow);
        Header header = new RecordHeader(ExchangeHeaders.CSV_HEADER_ROW, headerRow);
        cached.put(id, header);
        remember(id.getBytes(StandardCharsets.UTF_8), header);
    }

    /** The header row named {@code id} as an {@code exchange.csv-header} header, or null when this task never had it. */
    Header find(byte[] id) {
        if (last != null && Arrays.equals(id, lastId)) {
            return last;
        }
        String key = new String(id, StandardCharsets.UTF_8);
        Header header = cached.get(key);
        if (header == null) {
            byte[] row = store.get(key);
            if (row == null) {
                return null;
            }
            header = new RecordHeader(ExchangeHeaders.CSV_HEADER_ROW, row);
            cached.put(key, header);
        }
        remember(id.clone(), header);
        return header;
    }

    private void remember(byte[] id, Header header) {
        lastId = id;
        last = header;
    }
}
