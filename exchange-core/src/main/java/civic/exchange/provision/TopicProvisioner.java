package civic.exchange.provision;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionReport.ConfigChange;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.TopicLimits;
import civic.exchange.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Brings a cluster's topics to what the catalog implies: creates the missing ones, and sets the
 * configs of existing ones back to the plan (so it can run on every start, and after every change of
 * settings). It never deletes a topic and never changes partitions or replicas; what it leaves alone
 * it reports ({@link ProvisionReport#notes()}).
 *
 * <p>Every topic gets an explicit {@code cleanup.policy}, {@code retention.ms},
 * {@code max.message.bytes} ({@link TopicLimits}) and {@code min.insync.replicas}: 2 where a topic
 * has 3 or more replicas, so that with {@code acks=all} a write is on two brokers before it is
 * acknowledged and one broker may be lost without losing it or stopping writes; 1 below 3 replicas.
 * By class of topic:
 *
 * <table>
 * <caption>topic classes</caption>
 * <tr><th>topic</th><th>partitions</th><th>cleanup</th><th>retention</th><th>max.message.bytes</th></tr>
 * <tr><td>{@code raw.<department>.<dataset>}</td><td>3</td><td>delete</td>
 *     <td>{@link ProvisionSettings#rawRetention()} (30 days by default): canonical records' provenance
 *     points at raw offsets, and re-drives and replays read raw records again</td>
 *     <td>{@link TopicLimits#RAW_MAX_MESSAGE_BYTES}</td></tr>
 * <tr><td>{@code canonical.<entity>}</td><td>3</td><td>compact, with {@code min.compaction.lag.ms} =
 *     {@link ProvisionSettings#canonicalCompactionLag()} (7 days by default)</td><td>-1</td>
 *     <td>{@link TopicLimits#CANONICAL_MAX_MESSAGE_BYTES}</td></tr>
 * <tr><td>{@code xref.<entity>}</td><td>3</td><td>compact</td><td>-1</td><td>{@link TopicLimits#STATE_MAX_MESSAGE_BYTES}</td></tr>
 * <tr><td>{@code quality.dataset}</td><td>1</td><td>compact, delete</td><td>30 days</td><td>{@link TopicLimits#STATE_MAX_MESSAGE_BYTES}</td></tr>
 * <tr><td>{@code dlq.<stage>}</td><td>1</td><td>delete</td><td>{@link ProvisionSettings#dlqRetention()} (90 days by default)</td>
 *     <td>{@link TopicLimits#DLQ_MAX_MESSAGE_BYTES}</td></tr>
 * <tr><td>{@code _schemas}</td><td>1</td><td>compact</td><td>-1</td><td>{@link TopicLimits#STATE_MAX_MESSAGE_BYTES}</td></tr>
 * </table>
 *
 * <p><b>Canonical topics are compacted.</b> A canonical record's key is the deterministic canonical id
 * of the entity it describes ({@code CanonicalIds}), so the latest value per key is that entity's
 * current state: compaction keeps it forever and drops only superseded versions. Every version stays
 * for at least the compaction lag, so a replay of a recent period sees each change, not only the last.
 * Records on these topics must have a key (a compacted topic refuses a record without one).
 *
 * <p>{@code _schemas} is the schema registry's own topic (the registry creates it too if it starts
 * first; it requires one partition and compaction, which this plan keeps).
 */
public final class TopicProvisioner {

    public static final int DEFAULT_PARTITIONS = 3;
    /** Retention of {@code quality.dataset}: reports older than this are history nobody reads. */
    public static final Duration QUALITY_RETENTION = Duration.ofDays(30);

    /** Configs whose value is a list: compared as sets, since the broker may answer them in another order. */
    private static final Set<String> LIST_CONFIGS = Set.of(TopicConfig.CLEANUP_POLICY_CONFIG);

    private final Admin admin;
    private final ProvisionSettings settings;

    public TopicProvisioner(Admin admin, ProvisionSettings settings) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The topics of the catalog with their settings, in creation order. */
    public static List<NewTopic> plan(ExchangeCatalog catalog, ProvisionSettings settings) {
        short rf = (short) settings.replicationFactor();
        String minIsr = String.valueOf(ProvisionSettings.minInSyncReplicas(rf));
        Map<String, NewTopic> topics = new LinkedHashMap<>();
        for (Dataset dataset : catalog.datasets()) {
            topics.put(dataset.rawTopic(), topic(dataset.rawTopic(), DEFAULT_PARTITIONS, rf, configs(
                    TopicConfig.CLEANUP_POLICY_DELETE, ProvisionSettings.retentionMs(settings.rawRetention()),
                    TopicLimits.RAW_MAX_MESSAGE_BYTES, minIsr)));
        }
        // Canonical topics exist whether or not a dataset feeds them yet: subscribers may start first.
        for (CanonicalEntity entity : CanonicalEntity.values()) {
            Map<String, String> canonical = configs(TopicConfig.CLEANUP_POLICY_COMPACT, "-1",
                    TopicLimits.CANONICAL_MAX_MESSAGE_BYTES, minIsr);
            canonical.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(settings.canonicalCompactionLag().toMillis()));
            topics.put(entity.topic(), topic(entity.topic(), DEFAULT_PARTITIONS, rf, canonical));
        }
        // Latest value per key is all that matters for the cross-reference and the quality reports.
        topics.put(Topics.XREF_FACILITY, topic(Topics.XREF_FACILITY, DEFAULT_PARTITIONS, rf, configs(
                TopicConfig.CLEANUP_POLICY_COMPACT, "-1", TopicLimits.STATE_MAX_MESSAGE_BYTES, minIsr)));
        topics.put(Topics.QUALITY_DATASET, topic(Topics.QUALITY_DATASET, 1, rf, configs(
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                ProvisionSettings.retentionMs(QUALITY_RETENTION), TopicLimits.STATE_MAX_MESSAGE_BYTES, minIsr)));
        // DLQ records keep the raw bytes and headers plus the error headers.
        topics.put(Topics.DLQ_STANDARDIZER, topic(Topics.DLQ_STANDARDIZER, 1, rf, configs(
                TopicConfig.CLEANUP_POLICY_DELETE, ProvisionSettings.retentionMs(settings.dlqRetention()),
                TopicLimits.DLQ_MAX_MESSAGE_BYTES, minIsr)));
        topics.put(Topics.DLQ_FACILITY_EVENTS, topic(Topics.DLQ_FACILITY_EVENTS, 1, rf, configs(
                TopicConfig.CLEANUP_POLICY_DELETE, ProvisionSettings.retentionMs(settings.dlqRetention()),
                TopicLimits.DLQ_MAX_MESSAGE_BYTES, minIsr)));
        // HTTP ingest's answered Idempotency-Keys: the latest answer per key, kept well beyond the 24 h window.
        topics.put(Topics.INGEST_IDEMPOTENCY, topic(Topics.INGEST_IDEMPOTENCY, 1, rf, configs(
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                String.valueOf(7L * 24 * 3600 * 1000), TopicLimits.STATE_MAX_MESSAGE_BYTES, minIsr)));
        // The registry's state: one partition (a total order of writes), every schema kept.
        topics.put(Topics.SCHEMAS, topic(Topics.SCHEMAS, 1, rf, configs(
                TopicConfig.CLEANUP_POLICY_COMPACT, "-1", TopicLimits.STATE_MAX_MESSAGE_BYTES, minIsr)));
        return new ArrayList<>(topics.values());
    }

    /**
     * Creates what is missing and sets the configs of existing topics back to the plan; returns what
     * it did. An existing topic's {@code min.insync.replicas} follows the replicas it has, not the
     * planned factor: 2 on a topic with one replica would refuse every write.
     */
    public ProvisionReport provision(ExchangeCatalog catalog) {
        List<NewTopic> plan = plan(catalog, settings);
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = plan.stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get();
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            List<NewTopic> toAlign = plan.stream().filter(t -> !created.contains(t.name())).toList();
            List<String> notes = new ArrayList<>();
            Map<String, List<ConfigChange>> changed = align(toAlign, notes);
            List<String> createdInPlanOrder = plan.stream().map(NewTopic::name).filter(created::contains).toList();
            return new ProvisionReport(createdInPlanOrder, changed, notes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot provision topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Sets the configs of existing topics to the plan; notes partition and replica differences. */
    private Map<String, List<ConfigChange>> align(List<NewTopic> topics, List<String> notes)
            throws InterruptedException, ExecutionException {
        Map<String, List<ConfigChange>> changed = new LinkedHashMap<>();
        if (topics.isEmpty()) {
            return changed;
        }
        List<String> names = topics.stream().map(NewTopic::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> alterations = new LinkedHashMap<>();
        for (NewTopic planned : topics) {
            TopicDescription description = descriptions.get(planned.name());
            int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            if (replicas != planned.replicationFactor()) {
                notes.add(planned.name() + " has " + replicas + " replicas, the plan " + planned.replicationFactor()
                        + " (a partition reassignment changes that)");
            }
            if (description.partitions().size() != planned.numPartitions()) {
                notes.add(planned.name() + " has " + description.partitions().size() + " partitions, the plan "
                        + planned.numPartitions());
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, planned.name());
            List<ConfigChange> changes = changes(wanted(planned, replicas), current(configs.get(resource)));
            if (!changes.isEmpty()) {
                changed.put(planned.name(), changes);
                alterations.put(resource, changes.stream()
                        .map(c -> new AlterConfigOp(new ConfigEntry(c.name(), c.to()), AlterConfigOp.OpType.SET)).toList());
            }
        }
        if (!alterations.isEmpty()) {
            for (var entry : admin.incrementalAlterConfigs(alterations).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Cannot set the configs of " + entry.getKey().name() + " to "
                            + changed.get(entry.getKey().name()) + ": " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return changed;
    }

    /** The planned configs of a topic that exists with {@code replicas} replicas. */
    static Map<String, String> wanted(NewTopic planned, int replicas) {
        Map<String, String> wanted = new LinkedHashMap<>(planned.configs());
        wanted.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(ProvisionSettings.minInSyncReplicas(replicas)));
        return wanted;
    }

    /** The configs in {@code wanted} whose current value differs, in {@code wanted}'s order. */
    static List<ConfigChange> changes(Map<String, String> wanted, Map<String, String> current) {
        List<ConfigChange> changes = new ArrayList<>();
        wanted.forEach((name, value) -> {
            String now = current.get(name);
            if (!same(name, value, now)) {
                changes.add(new ConfigChange(name, now, value));
            }
        });
        return changes;
    }

    private static boolean same(String name, String wanted, String current) {
        if (current == null) {
            return false;
        }
        if (LIST_CONFIGS.contains(name)) {
            return items(wanted).equals(items(current));
        }
        return wanted.equals(current.trim());
    }

    private static Set<String> items(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static Map<String, String> current(Config config) {
        Map<String, String> values = new LinkedHashMap<>();
        if (config != null) {
            for (ConfigEntry entry : config.entries()) {
                if (entry.value() != null) {
                    values.put(entry.name(), entry.value());
                }
            }
        }
        return values;
    }

    private static Map<String, String> configs(String cleanupPolicy, String retentionMs, int maxMessageBytes, String minIsr) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, retentionMs);
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes));
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
        return configs;
    }

    private static NewTopic topic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
