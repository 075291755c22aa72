package civic.exchange.standardizer.quality;

import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.quality.QualityCounters.Counter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code quality.dataset} says about one dataset (JSON, key {@code department/dataset}):
 * how many raw records came in, how many became canonical records, how many went to the DLQ and
 * why, which codes the department sends that its spec does not know, and how complete the canonical
 * records are. Counts are cumulative since the dataset's first record, across spec versions and
 * re-drives (a re-driven record is a new raw record: it counts again in {@code in}).
 * A raw record whose record id was already standardized within the dedupe window is counted as a
 * duplicate and written nowhere.
 *
 * @param dataset         {@code department/dataset}
 * @param spec            id of the mapping spec in force when the report was made
 * @param specVersion     its version
 * @param entity          canonical entity the dataset maps to
 * @param reportedAt      when the report was made (ISO-8601 UTC, wall clock)
 * @param partitions      raw partitions whose counts the report adds up
 * @param in              raw records read: each is counted once, as canonical, rejected or duplicate, so always
 *                        {@code out + rejected + duplicates}
 * @param out             canonical records written
 * @param rejected        records sent to {@code dlq.standardizer}
 * @param duplicates      records dropped because their record id was already standardized
 * @param rejectedByCode  error code → records
 * @param rejectedByField error code → source field at fault ({@value QualityCounters#WHOLE_RECORD}: the record as a whole) → records
 * @param unknownCodes    canonical field → department code not in the spec's code table → records
 *                        mapped to the fallback symbol; at most {@value QualityCounters#MAX_CODES_PER_FIELD}
 *                        codes per field, the rest under {@value QualityCounters#OTHER_CODES}
 * @param droppedValues   source field → error code → canonical records that went on without the field's
 *                        value, which the spec drops when invalid ({@code invalid: drop})
 * @param present         optional canonical field → canonical records where it is not null
 * @param completeness    optional canonical field → {@code present / out}, 0..1 (4 decimals); empty while {@code out} is 0
 * @param links           link outcome ({@link LinkOutcome}) → canonical records; empty for datasets that are not linked
 */
public record DatasetQuality(String dataset, String spec, int specVersion, String entity, String reportedAt,
                             int partitions, long in, long out, long rejected, long duplicates,
                             SortedMap<String, Long> rejectedByCode,
                             SortedMap<String, SortedMap<String, Long>> rejectedByField,
                             SortedMap<String, SortedMap<String, Long>> unknownCodes,
                             SortedMap<String, SortedMap<String, Long>> droppedValues,
                             SortedMap<String, Long> present,
                             SortedMap<String, Double> completeness,
                             SortedMap<String, Long> links) {

    /** The report for summed counters; every optional field is listed, present or not. */
    public static DatasetQuality of(String dataset, String spec, int specVersion, String entity, Instant reportedAt,
                                    int partitions, Map<String, Long> counters, List<String> optionalFields) {
        long out = 0;
        long rejected = 0;
        long duplicates = 0;
        SortedMap<String, Long> byCode = new TreeMap<>();
        SortedMap<String, SortedMap<String, Long>> byField = new TreeMap<>();
        SortedMap<String, SortedMap<String, Long>> unknown = new TreeMap<>();
        SortedMap<String, SortedMap<String, Long>> dropped = new TreeMap<>();
        SortedMap<String, Long> present = new TreeMap<>();
        SortedMap<String, Long> links = new TreeMap<>();
        for (String field : optionalFields) {
            present.put(field, 0L);
        }
        for (Map.Entry<String, Long> counter : counters.entrySet()) {
            String[] parts = Counter.parts(counter.getKey());
            long value = counter.getValue();
            switch (parts[0]) {
                case Counter.OUT -> {
                    out += value;
                    if (!parts[1].equals(LinkOutcome.NOT_LINKED.name())) {
                        links.merge(parts[1], value, Long::sum);
                    }
                    if (!parts[2].isEmpty()) {
                        for (String field : parts[2].split(",")) {
                            present.merge(field, value, Long::sum);
                        }
                    }
                }
                case Counter.REJECTED -> {
                    rejected += value;
                    byCode.merge(parts[1], value, Long::sum);
                    byField.computeIfAbsent(parts[1], k -> new TreeMap<>()).merge(parts[2], value, Long::sum);
                }
                case Counter.DUPLICATE -> duplicates += value;
                case Counter.UNKNOWN -> unknown.computeIfAbsent(parts[1], k -> new TreeMap<>())
                        .merge(parts[2], value, Long::sum);
                case Counter.DROPPED -> dropped.computeIfAbsent(parts[1], k -> new TreeMap<>())
                        .merge(parts[2], value, Long::sum);
                default -> {
                    // bookkeeping counters (distinct codes per field) are not reported
                }
            }
        }
        SortedMap<String, Double> completeness = new TreeMap<>();
        if (out > 0) {
            for (Map.Entry<String, Long> field : present.entrySet()) {
                completeness.put(field.getKey(), BigDecimal.valueOf(field.getValue())
                        .divide(BigDecimal.valueOf(out), 4, RoundingMode.HALF_EVEN).doubleValue());
            }
        }
        return new DatasetQuality(dataset, spec, specVersion, entity, reportedAt.toString(), partitions,
                out + rejected + duplicates, out, rejected, duplicates, byCode, byField, unknown, dropped, present, completeness, links);
    }
}
