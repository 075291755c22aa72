package civic.exchange.tools;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.junit.LocalBusExtension;
import civic.exchange.provision.ProvisionReport;
import civic.exchange.provision.ProvisionReport.ConfigChange;
import civic.exchange.provision.ProvisionSettings;
import civic.exchange.provision.TopicProvisioner;
import civic.exchange.topics.TopicLimits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provisioner against a real broker (the module's shared bus, provisioned with the default
 * settings when it started): what it sets is what the broker reports through describeConfigs, a
 * config changed by hand is set back by the next run and reported, and existing topics keep what
 * their replicas allow.
 */
@ExtendWith(LocalBusExtension.class)
class TopicProvisionerIT {

    private static final ExchangeCatalog SHIPPED = ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE);

    private Admin admin;

    @BeforeEach
    void connect(BusFixture bus) {
        admin = Admin.create(bus.clientConfig());
    }

    @AfterEach
    void close() {
        admin.close();
    }

    @Test
    void theBrokerHasEveryPlannedConfigOfEveryTopic() throws Exception {
        List<NewTopic> plan = TopicProvisioner.plan(SHIPPED, ProvisionSettings.defaults());
        Map<String, Map<String, String>> actual = describe(plan.stream().map(NewTopic::name).toList());
        for (NewTopic topic : plan) {
            assertThat(actual.get(topic.name())).as(topic.name()).containsAllEntriesOf(topic.configs());
            assertThat(actual.get(topic.name())).as(topic.name()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
        }
        assertThat(actual.get("canonical.facility"))
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .containsEntry(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis()))
                .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicLimits.CANONICAL_MAX_MESSAGE_BYTES));
        assertThat(actual.get("raw.lighting.streetlights"))
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(30).toMillis()));
    }

    @Test
    void configsChangedByHandAreSetBackAndReported() throws Exception {
        TopicProvisioner provisioner = new TopicProvisioner(admin, ProvisionSettings.defaults());
        assertThat(provisioner.provision(SHIPPED).nothingToDo()).as("the bus starts as planned").isTrue();

        // An operator's hand: a canonical topic turned into a 3-day delete topic, a raw topic's retention
        // removed (back to the broker's 7 days) and its size limit raised. Nothing here deletes a record
        // the other tests need: the retentions are days.
        alter("canonical.observation", List.of(
                set(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"),
                set(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(3).toMillis()))));
        alter("raw.parks.trees", List.of(
                new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, ""), AlterConfigOp.OpType.DELETE),
                set(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "5000000")));
        assertThat(describe(List.of("canonical.observation")).get("canonical.observation"))
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete");

        ProvisionReport report = provisioner.provision(SHIPPED);

        assertThat(report.created()).isEmpty();
        assertThat(report.changed()).containsOnlyKeys("canonical.observation", "raw.parks.trees");
        assertThat(report.changed().get("canonical.observation")).containsExactly(
                new ConfigChange(TopicConfig.CLEANUP_POLICY_CONFIG, "delete", "compact"),
                new ConfigChange(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(3).toMillis()), "-1"));
        assertThat(report.changed().get("raw.parks.trees")).containsExactly(
                new ConfigChange(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis()),
                        String.valueOf(Duration.ofDays(30).toMillis())),
                new ConfigChange(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "5000000", String.valueOf(TopicLimits.RAW_MAX_MESSAGE_BYTES)));
        Map<String, Map<String, String>> after = describe(List.of("canonical.observation", "raw.parks.trees"));
        assertThat(after.get("canonical.observation"))
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(after.get("raw.parks.trees"))
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(30).toMillis()))
                .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicLimits.RAW_MAX_MESSAGE_BYTES));
        // The partition count and replicas were not touched.
        assertThat(admin.describeTopics(List.of("raw.parks.trees")).allTopicNames().get().get("raw.parks.trees").partitions()).hasSize(3);

        assertThat(provisioner.provision(SHIPPED).nothingToDo()).as("a second run finds nothing to do").isTrue();
    }

    @Test
    void changedSettingsReachExistingTopicsAndNewTopicsAreCreatedWithThem() throws Exception {
        String dataset = "d" + UUID.randomUUID().toString().substring(0, 8);
        String rawTopic = "raw.provision-it." + dataset;
        ExchangeCatalog withNewDataset = ExchangeCatalog.load(new ByteArrayInputStream(("""
                departments:
                  - id: provision-it
                    publishes:
                      - {id: %s, format: json, entity: facility, key: id}
                """.formatted(dataset)).getBytes(StandardCharsets.UTF_8)), "provision-it.yaml");
        ProvisionSettings longer = ProvisionSettings.defaults().withRawRetention(Duration.ofDays(45))
                .withDlqRetention(Duration.ofDays(120)).withCanonicalCompactionLag(Duration.ofDays(2));
        try {
            ProvisionReport report = new TopicProvisioner(admin, longer).provision(withNewDataset);

            assertThat(report.created()).containsExactly(rawTopic);
            assertThat(report.changed()).containsKeys("dlq.standardizer", "canonical.facility", "canonical.service-request");
            assertThat(report.changed().get("dlq.standardizer")).containsExactly(new ConfigChange(TopicConfig.RETENTION_MS_CONFIG,
                    String.valueOf(Duration.ofDays(90).toMillis()), String.valueOf(Duration.ofDays(120).toMillis())));
            Map<String, Map<String, String>> actual = describe(List.of(rawTopic, "canonical.facility", "dlq.standardizer"));
            assertThat(actual.get(rawTopic))
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(45).toMillis()))
                    .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                    .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TopicLimits.RAW_MAX_MESSAGE_BYTES))
                    .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
            assertThat(actual.get("canonical.facility"))
                    .containsEntry(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, String.valueOf(Duration.ofDays(2).toMillis()));
            assertThat(actual.get("dlq.standardizer"))
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofDays(120).toMillis()));
        } finally {
            // back to the settings the rest of the module's tests expect
            new TopicProvisioner(admin, ProvisionSettings.defaults()).provision(SHIPPED);
            admin.deleteTopics(List.of(rawTopic)).all().get();
        }
    }

    @Test
    void existingTopicsWithFewerReplicasThanPlannedKeepAWritableMinIsrAndAreReported() throws Exception {
        // One broker: every topic has one replica. Planning three must not set min.insync.replicas=2
        // on them (every acks=all write would be refused), nor try to add replicas.
        ProvisionReport report = new TopicProvisioner(admin, ProvisionSettings.defaults().withReplicationFactor(3)).provision(SHIPPED);

        assertThat(report.created()).isEmpty();
        assertThat(report.changed()).isEmpty();
        assertThat(report.notes()).contains("canonical.facility has 1 replicas, the plan 3 (a partition reassignment changes that)");
        assertThat(report.notes()).hasSize(TopicProvisioner.plan(SHIPPED, ProvisionSettings.defaults()).size());
        assertThat(describe(List.of("canonical.facility")).get("canonical.facility"))
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
    }

    private Map<String, Map<String, String>> describe(List<String> topics) throws Exception {
        List<ConfigResource> resources = new ArrayList<>();
        topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        return configs.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().name(),
                e -> e.getValue().entries().stream().filter(c -> c.value() != null)
                        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value))));
    }

    private void alter(String topic, List<AlterConfigOp> ops) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all().get();
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
