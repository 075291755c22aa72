package civic.exchange.standardizer.redrive;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a re-drive did.
 *
 * @param dataset    {@code department/dataset}
 * @param errorCode  the code re-driven, or null for every code
 * @param dryRun     true: nothing was sent, the counts say what would have been
 * @param redriven   DLQ records published again to the dataset's raw topic
 * @param skipped    DLQ records read but not re-driven: other datasets, other codes, or re-driven before
 * @param fromOffset DLQ partition → first offset read
 * @param toOffset   DLQ partition → end of the range read (exclusive): the DLQ's end when the re-drive
 *                   began, so records that fail again, appended after it, wait for the next re-drive
 */
public record RedriveResult(String dataset, String errorCode, boolean dryRun, long redriven, long skipped,
                            SortedMap<Integer, Long> fromOffset, SortedMap<Integer, Long> toOffset) {

    public RedriveResult {
        fromOffset = new TreeMap<>(fromOffset);
        toOffset = new TreeMap<>(toOffset);
    }
}
