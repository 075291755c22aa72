package civic.exchange.provision;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics the catalog implies (raw per dataset, canonical per entity, DLQs), leaving
 * existing ones as they are, so it can run on every start.
 */
public final class TopicProvisioner {

    public static final int DEFAULT_PARTITIONS = 3;
    /**
     * Raw records may be up to 1 MiB (the ingest limit) plus headers; the broker's default would
     * refuse the largest of them.
     */
    public static final String RAW_MAX_MESSAGE_BYTES = String.valueOf(1024 * 1024 + 64 * 1024);

    private final Admin admin;
    private final short replicationFactor;

    public TopicProvisioner(Admin admin, int replicationFactor) {
        this.admin = admin;
        this.replicationFactor = (short) replicationFactor;
    }

    /** The topics of the catalog with their settings, in creation order. */
    public static List<NewTopic> plan(ExchangeCatalog catalog, short replicationFactor) {
        Map<String, NewTopic> topics = new LinkedHashMap<>();
        for (Dataset dataset : catalog.datasets()) {
            topics.put(dataset.rawTopic(), new NewTopic(dataset.rawTopic(), DEFAULT_PARTITIONS, replicationFactor)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, RAW_MAX_MESSAGE_BYTES)));
        }
        // Canonical topics exist whether or not a dataset feeds them yet: subscribers may start first.
        for (CanonicalEntity entity : CanonicalEntity.values()) {
            // Canonical topics are the archive analysts replay: kept until deleted on purpose.
            topics.put(entity.topic(), new NewTopic(entity.topic(), DEFAULT_PARTITIONS, replicationFactor)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        }
        // Latest value per key is all that matters for the cross-reference and the quality reports.
        topics.put(Topics.XREF_FACILITY, new NewTopic(Topics.XREF_FACILITY, DEFAULT_PARTITIONS, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.put(Topics.QUALITY_DATASET, new NewTopic(Topics.QUALITY_DATASET, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(30L * 24 * 3600 * 1000))));
        // HTTP ingest's answered Idempotency-Keys: the latest answer per key, kept well beyond the 24 h window.
        topics.put(Topics.INGEST_IDEMPOTENCY, new NewTopic(Topics.INGEST_IDEMPOTENCY, 1, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(7L * 24 * 3600 * 1000))));
        // DLQ records keep the raw bytes plus error headers: as large as a raw record.
        topics.put(Topics.DLQ_STANDARDIZER, new NewTopic(Topics.DLQ_STANDARDIZER, 1, replicationFactor)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.MAX_MESSAGE_BYTES_CONFIG, RAW_MAX_MESSAGE_BYTES)));
        topics.put(Topics.DLQ_FACILITY_EVENTS, new NewTopic(Topics.DLQ_FACILITY_EVENTS, 1, replicationFactor)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        return new ArrayList<>(topics.values());
    }

    /** Creates what is missing; returns the names of the topics it created. */
    public List<String> provision(ExchangeCatalog catalog) {
        List<NewTopic> plan = plan(catalog, replicationFactor);
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
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
