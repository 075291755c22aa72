package civic.exchange.standardizer.read;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The input formats specs can name in {@code input.format}. Readers are stateless and shared. */
public final class RecordReaders {

    private static final Map<String, RecordReader> READERS = Map.of(
            "json", new JsonRecordReader(),
            "ngsi-ld", new NgsiLdRecordReader());

    private RecordReaders() {
    }

    public static Optional<RecordReader> forFormat(String format) {
        return Optional.ofNullable(format == null ? null : READERS.get(format));
    }

    public static Set<String> formats() {
        return new TreeSet<>(READERS.keySet());
    }
}
