package civic.exchange.standardizer.quality;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counters of one dataset in one raw partition at one moment, cumulative since the dataset's
 * first record. The report of a dataset is the sum of the latest snapshot of each partition; since
 * snapshots are cumulative, a repeated or replayed snapshot changes nothing.
 *
 * @param dataset   {@code department/dataset}
 * @param partition the raw partition (the stream task) counted
 * @param counters  counter name → count ({@link QualityCounters.Counter})
 */
public record QualitySnapshot(String dataset, int partition, SortedMap<String, Long> counters) {

    public QualitySnapshot {
        counters = new TreeMap<>(counters);
    }

    /** Adds the counters of several snapshots. */
    public static SortedMap<String, Long> sum(Iterable<QualitySnapshot> snapshots) {
        SortedMap<String, Long> total = new TreeMap<>();
        for (QualitySnapshot snapshot : snapshots) {
            for (Map.Entry<String, Long> counter : snapshot.counters().entrySet()) {
                total.merge(counter.getKey(), counter.getValue(), Long::sum);
            }
        }
        return total;
    }
}
