package civic.exchange.provision;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator chooses about the topics {@link TopicProvisioner} makes; everything else about
 * them (cleanup policies, limits, partitions) follows from the class of topic.
 *
 * <p>Each setting has a key, read by {@link #from(Function)} from system properties or environment
 * variables ({@code exchange.provision.raw-retention} or {@code EXCHANGE_PROVISION_RAW_RETENTION}),
 * and by the tools as a flag ({@code --raw-retention}). Durations are written {@code 30d},
 * {@code 12h}, {@code 90m}, {@code 45s}, {@code 500ms} or in ISO-8601 ({@code P30D}, {@code PT12H});
 * a retention of {@code -1} (or {@code forever}) keeps records until they are deleted on purpose.
 *
 * @param replicationFactor      replicas of every topic created; {@code min.insync.replicas} is 2
 *                               where a topic has 3 or more, else 1
 * @param rawRetention           how long raw records are kept. Canonical records' provenance points at
 *                               raw offsets, and re-driving or replaying a dataset reads them again, so
 *                               keep them at least as long as anyone may trace or replay a record
 * @param dlqRetention           how long rejected records wait on the DLQ for a fix and a re-drive
 * @param canonicalCompactionLag how long every version of a canonical record stays on its compacted
 *                               topic before compaction may drop all but the latest per canonical id
 */
public record ProvisionSettings(int replicationFactor, Duration rawRetention, Duration dlqRetention,
                                Duration canonicalCompactionLag) {

    public static final String PREFIX = "exchange.provision.";
    public static final String REPLICATION_FACTOR = PREFIX + "replication-factor";
    public static final String RAW_RETENTION = PREFIX + "raw-retention";
    public static final String DLQ_RETENTION = PREFIX + "dlq-retention";
    public static final String CANONICAL_COMPACTION_LAG = PREFIX + "canonical-compaction-lag";

    /** A retention that never deletes ({@code retention.ms=-1}). */
    public static final Duration FOREVER = Duration.ofMillis(-1);

    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_DLQ_RETENTION = Duration.ofDays(90);
    public static final Duration DEFAULT_CANONICAL_COMPACTION_LAG = Duration.ofDays(7);

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public ProvisionSettings {
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
        rawRetention = retention(Objects.requireNonNull(rawRetention, "rawRetention"));
        dlqRetention = retention(Objects.requireNonNull(dlqRetention, "dlqRetention"));
        Objects.requireNonNull(canonicalCompactionLag, "canonicalCompactionLag");
        if (canonicalCompactionLag.isNegative()) {
            throw new IllegalArgumentException("canonical compaction lag must not be negative, not " + canonicalCompactionLag);
        }
    }

    /** Replication factor 1, raw records 30 days, DLQ records 90 days, canonical versions 7 days. */
    public static ProvisionSettings defaults() {
        return new ProvisionSettings(1, DEFAULT_RAW_RETENTION, DEFAULT_DLQ_RETENTION, DEFAULT_CANONICAL_COMPACTION_LAG);
    }

    /**
     * The defaults, overridden by whichever keys ({@link #REPLICATION_FACTOR}, {@link #RAW_RETENTION},
     * {@link #DLQ_RETENTION}, {@link #CANONICAL_COMPACTION_LAG}) {@code lookup} answers.
     */
    public static ProvisionSettings from(Function<String, String> lookup) {
        ProvisionSettings s = defaults();
        String rf = lookup.apply(REPLICATION_FACTOR);
        if (rf != null && !rf.isBlank()) {
            try {
                s = s.withReplicationFactor(Integer.parseInt(rf.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(REPLICATION_FACTOR + ": not a number: '" + rf + "'", e);
            }
        }
        String raw = lookup.apply(RAW_RETENTION);
        if (raw != null && !raw.isBlank()) {
            s = s.withRawRetention(parseDuration(RAW_RETENTION, raw));
        }
        String dlq = lookup.apply(DLQ_RETENTION);
        if (dlq != null && !dlq.isBlank()) {
            s = s.withDlqRetention(parseDuration(DLQ_RETENTION, dlq));
        }
        String lag = lookup.apply(CANONICAL_COMPACTION_LAG);
        if (lag != null && !lag.isBlank()) {
            s = s.withCanonicalCompactionLag(parseDuration(CANONICAL_COMPACTION_LAG, lag));
        }
        return s;
    }

    /** {@link #from(Function)} over system properties, then environment variables ({@code EXCHANGE_PROVISION_RAW_RETENTION}). */
    public static ProvisionSettings fromSystem() {
        Map<String, String> env = System.getenv();
        return from(key -> {
            String value = System.getProperty(key);
            return value != null ? value : env.get(environmentName(key));
        });
    }

    /** {@code exchange.provision.raw-retention} → {@code EXCHANGE_PROVISION_RAW_RETENTION}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public ProvisionSettings withReplicationFactor(int replicationFactor) {
        return new ProvisionSettings(replicationFactor, rawRetention, dlqRetention, canonicalCompactionLag);
    }

    public ProvisionSettings withRawRetention(Duration rawRetention) {
        return new ProvisionSettings(replicationFactor, rawRetention, dlqRetention, canonicalCompactionLag);
    }

    public ProvisionSettings withDlqRetention(Duration dlqRetention) {
        return new ProvisionSettings(replicationFactor, rawRetention, dlqRetention, canonicalCompactionLag);
    }

    public ProvisionSettings withCanonicalCompactionLag(Duration canonicalCompactionLag) {
        return new ProvisionSettings(replicationFactor, rawRetention, dlqRetention, canonicalCompactionLag);
    }

    /** {@code min.insync.replicas} for a topic with this many replicas: 2 from 3 replicas on, so one broker may be lost. */
    public static int minInSyncReplicas(int replicas) {
        return replicas >= 3 ? 2 : 1;
    }

    /** The settings in a line for an operator, durations as they are written ({@code 30d}). */
    public String summary() {
        return "replication factor " + replicationFactor + " (min.insync.replicas " + minInSyncReplicas(replicationFactor)
                + "), raw retention " + format(rawRetention) + ", DLQ retention " + format(dlqRetention)
                + ", canonical compaction lag " + format(canonicalCompactionLag);
    }

    /** A duration as {@link #parseDuration} reads it: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 500ms}, or {@code forever}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "forever";
        }
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** {@code retention.ms} of a retention: its milliseconds, or -1 for {@link #FOREVER}. */
    static String retentionMs(Duration retention) {
        return retention.isNegative() ? "-1" : String.valueOf(retention.toMillis());
    }

    /**
     * A duration as operators write it: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s},
     * {@code 500ms}, ISO-8601 ({@code P30D}, {@code PT12H}), or {@code -1} / {@code forever} for
     * {@link #FOREVER}.
     *
     * @param what the setting, named in the message when the text is not a duration
     */
    public static Duration parseDuration(String what, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("-1") || t.equals("forever")) {
            return FOREVER;
        }
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a duration (e.g. 30d, 12h, 90m, P30D, or -1 for forever)", e);
        }
    }

    private static Duration retention(Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException("a retention of zero would delete records as they arrive; use -1 to keep them forever");
        }
        return d.isNegative() ? FOREVER : d;
    }
}
