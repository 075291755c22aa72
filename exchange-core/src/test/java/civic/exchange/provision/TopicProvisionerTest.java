package civic.exchange.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionReport.ConfigChange;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.TopicLimits;
import civic.exchange.topics.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plan of topics (no broker): every class of topic with explicit settings, derived from the settings given. */
class TopicProvisionerTest {

    private static final ExchangeCatalog CATALOG = ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE);
    private static final List<String> EXPLICIT = List.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);

    @Test
    void everyTopicHasCleanupRetentionSizeAndMinIsrExplicitly() {
        List<NewTopic> plan = TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults());
        assertThat(plan).extracting(NewTopic::name).doesNotHaveDuplicates();
        assertThat(plan).allSatisfy(topic -> assertThat(topic.configs()).as(topic.name()).containsKeys(EXPLICIT.toArray(String[]::new)));
    }

    @Test
    void everyTopicsConstantAndEveryClassOfTopicIsInThePlan() throws Exception {
        Map<String, NewTopic> plan = byName(TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults()));
        // Every String constant of Topics that names a topic (not the STAGE_ ids, not the ID pattern).
        List<String> constants = Arrays.stream(Topics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().startsWith("STAGE_"))
                .map(TopicProvisionerTest::value).toList();
        assertThat(constants).contains(Topics.SCHEMAS, Topics.DLQ_STANDARDIZER, Topics.XREF_FACILITY, Topics.QUALITY_DATASET);
        assertThat(plan).containsKeys(constants.toArray(String[]::new));
        for (CanonicalEntity entity : CanonicalEntity.values()) {
            assertThat(plan).containsKey(entity.topic());
        }
        CATALOG.datasets().forEach(d -> assertThat(plan).containsKey(d.rawTopic()));
        assertThat(plan).hasSize(CATALOG.datasets().size() + CanonicalEntity.values().length + constants.size());
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 2", "5, 2"})
    void minInSyncReplicasIsTwoFromThreeReplicasOnElseOne(int replicationFactor, String minIsr) {
        List<NewTopic> plan = TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults().withReplicationFactor(replicationFactor));
        assertThat(plan).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).as(topic.name()).isEqualTo((short) replicationFactor);
            assertThat(topic.configs()).as(topic.name()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr);
        });
    }

    @Test
    void rawTopicsAreDeletedAfterTheConfiguredRetentionAndTakeTheLargestRawRecord() {
        ProvisionSettings settings = ProvisionSettings.defaults().withRawRetention(Duration.ofDays(45));
        NewTopic raw = byName(TopicProvisioner.plan(CATALOG, settings)).get("raw.lighting.streetlights");
        assertThat(raw.numPartitions()).isEqualTo(3);
        assertThat(raw.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(45L * 24 * 3600 * 1000))
                .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicLimits.RAW_MAX_MESSAGE_BYTES));
        NewTopic byDefault = byName(TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults())).get("raw.lighting.streetlights");
        assertThat(byDefault.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(30).toMillis()));
        NewTopic forever = byName(TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults().withRawRetention(ProvisionSettings.FOREVER)))
                .get("raw.lighting.streetlights");
        assertThat(forever.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }

    @Test
    void canonicalTopicsAreCompactedKeepingEveryVersionForTheCompactionLag() {
        ProvisionSettings settings = ProvisionSettings.defaults().withCanonicalCompactionLag(Duration.ofDays(3));
        Map<String, NewTopic> plan = byName(TopicProvisioner.plan(CATALOG, settings));
        for (CanonicalEntity entity : CanonicalEntity.values()) {
            assertThat(plan.get(entity.topic()).configs()).as(entity.topic())
                    .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
                    .containsEntry(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(Duration.ofDays(3).toMillis()))
                    .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicLimits.CANONICAL_MAX_MESSAGE_BYTES));
        }
        assertThat(plan.get("canonical.facility").configs())
                .as("7 days by default")
                .isNotEqualTo(byName(TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults())).get("canonical.facility").configs());
        assertThat(byName(TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults())).get("canonical.facility").configs())
                .containsEntry(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis()));
    }

    @Test
    void theDlqHasItsOwnRetentionAndTakesARawRecordWithErrorHeaders() {
        ProvisionSettings settings = ProvisionSettings.defaults().withRawRetention(Duration.ofDays(10)).withDlqRetention(Duration.ofDays(60));
        NewTopic dlq = byName(TopicProvisioner.plan(CATALOG, settings)).get(Topics.DLQ_STANDARDIZER);
        assertThat(dlq.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(60).toMillis()))
                .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicLimits.DLQ_MAX_MESSAGE_BYTES));
        assertThat(TopicLimits.DLQ_MAX_MESSAGE_BYTES).isGreaterThan(TopicLimits.RAW_MAX_MESSAGE_BYTES);
    }

    @Test
    void stateTopicsAreCompacted() {
        Map<String, NewTopic> plan = byName(TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults()));
        assertThat(plan.get(Topics.XREF_FACILITY).configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(plan.get(Topics.QUALITY_DATASET).configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete");
        assertThat(plan.get(Topics.SCHEMAS).numPartitions()).as("the registry needs one partition").isEqualTo(1);
        assertThat(plan.get(Topics.SCHEMAS).configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }

    @Test
    void theCanonicalRecordMaximumLeavesRoomBelowTheCanonicalTopicsLimit() {
        assertThat(TopicLimits.CANONICAL_RECORD_MAX_BYTES)
                .isEqualTo(TopicLimits.CANONICAL_MAX_MESSAGE_BYTES - TopicLimits.HEADER_AND_BATCH_ROOM)
                .isEqualTo(983_040);
        assertThat(TopicLimits.RAW_MAX_MESSAGE_BYTES).isEqualTo(1_114_112);
    }

    @Test
    void existingTopicsKeepTheMinIsrTheirReplicasAllow() {
        NewTopic planned = byName(TopicProvisioner.plan(CATALOG, ProvisionSettings.defaults().withReplicationFactor(3)))
                .get("canonical.facility");
        assertThat(TopicProvisioner.wanted(planned, 3)).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        // a topic created with one replica would refuse every acks=all write with min.insync.replicas=2
        assertThat(TopicProvisioner.wanted(planned, 1)).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
    }

    @Test
    void changesAreTheConfigsThatDifferFromThePlan() {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("cleanup.policy", "compact,delete");
        wanted.put("retention.ms", "-1");
        wanted.put("max.message.bytes", "1048576");
        wanted.put("min.insync.replicas", "2");
        Map<String, String> current = Map.of(
                "cleanup.policy", "delete, compact", // same set, other order
                "retention.ms", "604800000",
                "max.message.bytes", "1048576",
                "segment.ms", "1000"); // not planned: left alone
        assertThat(TopicProvisioner.changes(wanted, current)).containsExactly(
                new ConfigChange("retention.ms", "604800000", "-1"),
                new ConfigChange("min.insync.replicas", null, "2"));
        assertThat(TopicProvisioner.changes(wanted, Map.of("cleanup.policy", "compact", "retention.ms", "-1",
                "max.message.bytes", "1048576", "min.insync.replicas", "2")))
                .containsExactly(new ConfigChange("cleanup.policy", "compact", "compact,delete"));
    }

    @Test
    void settingsComeFromKeysOrEnvironmentNamesWithReadableDurations() {
        Map<String, String> given = Map.of(
                ProvisionSettings.REPLICATION_FACTOR, "3",
                ProvisionSettings.RAW_RETENTION, "60d",
                ProvisionSettings.DLQ_RETENTION, "forever",
                ProvisionSettings.CANONICAL_COMPACTION_LAG, "PT36H");
        ProvisionSettings settings = ProvisionSettings.from(given::get);
        assertThat(settings).isEqualTo(new ProvisionSettings(3, Duration.ofDays(60), ProvisionSettings.FOREVER, Duration.ofHours(36)));
        assertThat(ProvisionSettings.from(key -> null)).isEqualTo(ProvisionSettings.defaults());
        assertThat(ProvisionSettings.environmentName(ProvisionSettings.RAW_RETENTION)).isEqualTo("EXCHANGE_PROVISION_RAW_RETENTION");
        Function<String, Duration> parse = text -> ProvisionSettings.parseDuration("x", text);
        assertThat(parse.apply("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(parse.apply("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(parse.apply("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(parse.apply("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(parse.apply("P30D")).isEqualTo(Duration.ofDays(30));
        assertThat(parse.apply("-1")).isEqualTo(ProvisionSettings.FOREVER);
        assertThatThrownBy(() -> ProvisionSettings.from(Map.of(ProvisionSettings.RAW_RETENTION, "a month")::get))
                .hasMessageContaining(ProvisionSettings.RAW_RETENTION).hasMessageContaining("'a month'");
        assertThatThrownBy(() -> ProvisionSettings.defaults().withRawRetention(Duration.ZERO)).hasMessageContaining("zero");
        assertThatThrownBy(() -> ProvisionSettings.defaults().withReplicationFactor(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ProvisionSettings.from(Map.of(ProvisionSettings.CANONICAL_COMPACTION_LAG, "-1")::get))
                .hasMessageContaining("compaction lag");
    }

    @Test
    void theReportSaysWhatWasCreatedChangedAndLeftAlone() {
        ProvisionReport report = new ProvisionReport(List.of("raw.parks.trees"),
                Map.of("canonical.facility", List.of(new ConfigChange("cleanup.policy", "delete", "compact"))),
                List.of("canonical.facility has 1 replicas, the plan 3 (a partition reassignment changes that)"));
        assertThat(report.nothingToDo()).isFalse();
        assertThat(report.lines()).containsExactly(
                "created [raw.parks.trees]",
                "changed canonical.facility: cleanup.policy delete -> compact",
                "left as it is: canonical.facility has 1 replicas, the plan 3 (a partition reassignment changes that)");
        assertThat(new ProvisionReport(List.of(), Map.of(), List.of()).lines())
                .containsExactly("created none (all existed)", "changed none (configs as planned)");
    }

    private static Map<String, NewTopic> byName(List<NewTopic> plan) {
        return plan.stream().collect(Collectors.toMap(NewTopic::name, t -> t, (a, b) -> a, LinkedHashMap::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
