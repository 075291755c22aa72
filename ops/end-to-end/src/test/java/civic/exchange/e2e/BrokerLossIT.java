package civic.exchange.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.topics.CanonicalEntity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Losing a broker loses nothing acknowledged, and stops nothing. A bus of three brokers and a
 * dedicated controller ({@link ThreeBrokerBus}: replication factor 3, {@code min.insync.replicas=2},
 * set by provisioning) runs HTTP ingest and the standardizer as processes. Two clients post
 * streetlight batches without pause; one broker, the leader of the most partitions of the raw and
 * canonical topics (never the controller), is stopped without a controlled shutdown, and the clients
 * go on posting after it. Every record whose batch was answered 202 must then be on
 * {@code raw.lighting.streetlights} once and, standardized, on {@code canonical.facility} once (read
 * by an independent {@code read_committed} consumer, by canonical id); no record of the run is there
 * twice, whatever its answer was.
 *
 * <p>The standardizer is suspended (SIGSTOP) for the moment of the stop while accepted records pile
 * up, and resumed right after: so, in every run, it has records in hand and transactions open while
 * the cluster has not yet noticed the loss (15 s here), which is the case that stopped it for about
 * a minute with Kafka Streams' default transaction timeout of 10 s (see the standardizer's
 * {@code kafka-streams.producer.transaction.timeout.ms}).
 *
 * <p>Batches answered otherwise while leadership moves (503: the bus did not take the batch, or
 * could not confirm it) are counted and printed; they may be there or not, but only once. The
 * services' logs are {@code target/e2e-logs/broker-loss-*.log}, with Kafka Streams' and the
 * consumer group's state changes.
 */
class BrokerLossIT {

    private static final String DEPARTMENT = "lighting";
    private static final String DATASET = "streetlights";
    private static final String RAW_TOPIC = "raw.lighting.streetlights";
    private static final String CANONICAL_TOPIC = CanonicalEntity.FACILITY.topic();
    private static final int RECORDS_PER_BATCH = 20;
    private static final int SENDERS = 2;
    /** Accepted batches before the broker is stopped, and accepted batches sent after it stopped. */
    private static final int BATCHES_PER_PHASE = 25;
    private static final String STANDARDIZER_GROUP = "standardizer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ThreeBrokerBus bus;
    private static ServiceProcess connectors;
    private static ServiceProcess standardizer;

    @BeforeAll
    static void startThreeBrokersAndServices() throws Exception {
        bus = ThreeBrokerBus.start();
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", bus.bootstrapServers(),
                "exchange.schema-registry.url", bus.schemaRegistryUrl(),
                "kafka-streams.state.dir", Files.createTempDirectory("broker-loss-streams-state").toString(),
                // the standardizer's own internal topics, like the bus's: three replicas
                "kafka-streams.replication.factor", "3"));
        // what the group and Kafka Streams go through, in the services' logs
        config.put("quarkus.log.category.\"org.apache.kafka.clients.consumer.internals\".level", "INFO");
        config.put("quarkus.log.category.\"org.apache.kafka.streams\".level", "INFO");
        config.put("quarkus.log.category.\"org.apache.kafka.clients.producer.internals.TransactionManager\".level", "INFO");
        standardizer = ServiceProcess.start("standardizer-streams/service", config, "broker-loss-standardizer-streams-service");
        connectors = ServiceProcess.start("department-connectors", config, "broker-loss-department-connectors");
        standardizer.awaitReady(Duration.ofSeconds(120));
        connectors.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {connectors, standardizer}) {
            if (service != null) {
                service.closeQuietly();
            }
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void everyRecordAnswered202ReachesItsCanonicalTopicOnceWhenABrokerIsLost() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers()))) {
            assertProvisionedForBrokerLoss(admin);

            String run = UUID.randomUUID().toString().substring(0, 8);
            Senders senders = new Senders(run);
            int stopped;
            int groupCoordinator;
            try {
                senders.start();
                await("accepted batches before the broker stops").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> senders.acceptedBatches(Phase.BEFORE) >= BATCHES_PER_PHASE);
                stopped = busiestBroker(admin);
                groupCoordinator = admin.describeConsumerGroups(List.of(STANDARDIZER_GROUP)).all().get()
                        .get(STANDARDIZER_GROUP).coordinator().id();
                assertThat(bus.controllerIds()).as("the controller is a node of its own").doesNotContain(stopped);

                // The standardizer is held while accepted records pile up and the broker goes, so that it
                // has records in hand, and transactions open, while the cluster has not yet noticed the loss.
                long acceptedBeforePause = senders.acceptedBatches(Phase.BEFORE);
                standardizer.suspend();
                try {
                    await("a backlog for the standardizer").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                            .until(() -> senders.acceptedBatches(Phase.BEFORE) >= acceptedBeforePause + SENDERS);
                    senders.phase(Phase.DURING);
                    bus.stopBroker(stopped);
                } finally {
                    standardizer.resume();
                }
                senders.phase(Phase.AFTER);

                await("accepted batches sent after the broker stopped").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> senders.acceptedBatches(Phase.AFTER) >= BATCHES_PER_PHASE);
            } finally {
                senders.stop();
            }

            // The broker is really out: no partition of the bus's topics has it as leader or in its ISR.
            for (TopicPartitionInfo partition : partitions(admin, CANONICAL_TOPIC, RAW_TOPIC)) {
                assertThat(partition.leader().id()).isNotEqualTo(stopped);
                assertThat(partition.isr()).extracting(Node::id).doesNotContain(stopped).hasSize(2);
            }

            Set<String> acceptedLocalIds = senders.localIds(true);
            Set<String> allLocalIds = senders.localIds(false);
            Map<String, String> localIdByKey = allLocalIds.stream()
                    .collect(Collectors.toMap(id -> CanonicalIds.of(CanonicalEntity.FACILITY, DEPARTMENT, DATASET, id), id -> id));
            TopicReader topics = new TopicReader(bus.bootstrapServers());

            // Raw: every accepted record once (ingest answers 202 only once its transaction is committed;
            // waited for only because a batch whose commit went unconfirmed may hold read_committed
            // readers back until its transaction is settled).
            Map<String, Long> rawCounts = await("every accepted record on " + RAW_TOPIC)
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(topics.readAll(RAW_TOPIC).stream()
                                    .filter(r -> header(r, ExchangeHeaders.CORRELATION_ID).startsWith("broker-loss-" + run))
                                    .map(r -> localId(r.value())).toList()),
                            seen -> seen.keySet().containsAll(acceptedLocalIds));
            assertThat(rawCounts).as("raw records of the run more than once").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));

            // Canonical: every accepted record arrives, standardized, keyed by its canonical id.
            Map<String, Long> canonicalCounts = await("every accepted record on " + CANONICAL_TOPIC)
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(topics.readAll(CANONICAL_TOPIC).stream()
                                    .map(ConsumerRecord::key).filter(localIdByKey::containsKey).map(localIdByKey::get).toList()),
                            seen -> seen.keySet().containsAll(acceptedLocalIds));
            assertThat(canonicalCounts).as("canonical records of the run more than once")
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));

            System.out.printf("[broker-loss] stopped broker %d of %s without controlled shutdown (controller %s, the standardizer's "
                            + "group coordinator %d); batches by the phase they began in, by answer: %s; records accepted %d, "
                            + "on %s %d, on %s %d%n",
                    stopped, bus.brokerIds(), bus.controllerIds(), groupCoordinator, senders.summary(), acceptedLocalIds.size(),
                    RAW_TOPIC, rawCounts.size(), CANONICAL_TOPIC, canonicalCounts.size());
        }
    }

    /** Replication factor 3 and min.insync.replicas 2 on the topics this test writes, set by provisioning itself. */
    private static void assertProvisionedForBrokerLoss(Admin admin) throws Exception {
        assertThat(bus.provisioned().created()).contains(RAW_TOPIC, CANONICAL_TOPIC);
        for (TopicPartitionInfo partition : partitions(admin, RAW_TOPIC, CANONICAL_TOPIC)) {
            assertThat(partition.replicas()).hasSize(3);
            assertThat(partition.isr()).hasSize(3);
        }
        List<ConfigResource> resources = List.of(new ConfigResource(ConfigResource.Type.TOPIC, RAW_TOPIC),
                new ConfigResource(ConfigResource.Type.TOPIC, CANONICAL_TOPIC));
        for (Config config : admin.describeConfigs(resources).all().get().values()) {
            ConfigEntry minIsr = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            assertThat(minIsr.value()).isEqualTo("2");
            assertThat(minIsr.source()).as("set on the topic, not inherited").isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    /** The broker leading the most partitions of the raw and canonical topics (lowest id on a tie). */
    private static int busiestBroker(Admin admin) throws Exception {
        Map<Integer, Long> leaderships = new TreeMap<>(partitions(admin, RAW_TOPIC, CANONICAL_TOPIC).stream()
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting())));
        return leaderships.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow().getKey();
    }

    private static List<TopicPartitionInfo> partitions(Admin admin, String... topics) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(List.of(topics)).allTopicNames().get();
        return described.values().stream().flatMap(d -> d.partitions().stream()).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        String value = ExchangeHeaders.get(record.headers(), name);
        return value == null ? "" : value;
    }

    private static String localId(byte[] rawValue) {
        try {
            return JSON.readTree(rawValue).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> count(Collection<String> ids) {
        return ids.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    enum Phase { BEFORE, DURING, AFTER }

    /** One posted batch: its records' local ids, the answer, and the phase its request began in. */
    record Batch(List<String> localIds, int status, Phase phase) {
    }

    /** Clients posting streetlight batches back to back until stopped. */
    private static final class Senders {
        private final String run;
        private final ObjectNode sample;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final ExecutorService threads = Executors.newFixedThreadPool(SENDERS);
        private final List<Future<?>> running = new ArrayList<>();
        private final ConcurrentLinkedQueue<Batch> batches = new ConcurrentLinkedQueue<>();
        private final AtomicInteger nextRecord = new AtomicInteger();
        private final AtomicInteger nextBatch = new AtomicInteger();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private volatile Phase phase = Phase.BEFORE;

        Senders(String run) throws Exception {
            this.run = run;
            this.sample = (ObjectNode) JSON.readTree(ServiceProcess.ROOT.resolve("ops/demo/fiware-Streetlight-keyvalues.json").toFile());
        }

        void start() {
            for (int i = 0; i < SENDERS; i++) {
                running.add(threads.submit(() -> {
                    while (!stopping.get()) {
                        postOne();
                    }
                    return null;
                }));
            }
        }

        void phase(Phase next) {
            phase = next;
        }

        private void postOne() throws Exception {
            post(RECORDS_PER_BATCH);
        }

        /** Posts one batch of {@code records} new streetlights; returns the answer's status (-1: none). */
        int post(int records) throws Exception {
            Phase began = phase;
            List<String> ids = new ArrayList<>();
            ArrayNode array = JSON.createArrayNode();
            for (int i = 0; i < records; i++) {
                String id = "streetlight:broker-loss-" + run + ":" + nextRecord.getAndIncrement();
                ids.add(id);
                array.add(sample.deepCopy().put("id", id));
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(connectors.url("/ingest/" + DEPARTMENT + "/" + DATASET)))
                    .timeout(Duration.ofSeconds(90))
                    .header("Content-Type", "application/json")
                    .header("X-Correlation-Id", "broker-loss-" + run + "-" + nextBatch.getAndIncrement())
                    .POST(HttpRequest.BodyPublishers.ofString(array.toString()))
                    .build();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1; // no answer: the outcome is unknown to the client, like a 503 with outcomeUnknown
            }
            batches.add(new Batch(ids, status, began));
            return status;
        }

        long acceptedBatches(Phase p) {
            return batches.stream().filter(b -> b.status() == 202 && b.phase() == p).count();
        }

        Set<String> localIds(boolean acceptedOnly) {
            return batches.stream().filter(b -> !acceptedOnly || b.status() == 202)
                    .flatMap(b -> b.localIds().stream()).collect(Collectors.toSet());
        }

        /** Batches by phase and answer, with their records, e.g. {BEFORE={202=31 (2120)}, DURING={503=1 (20)}, AFTER={202=26 (520)}}. */
        String summary() {
            Map<Phase, Map<Integer, long[]>> byPhase = new TreeMap<>();
            for (Batch b : batches) {
                long[] n = byPhase.computeIfAbsent(b.phase(), p -> new TreeMap<>()).computeIfAbsent(b.status(), st -> new long[2]);
                n[0]++;
                n[1] += b.localIds().size();
            }
            return byPhase.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().entrySet().stream()
                            .map(a -> a.getKey() + "=" + a.getValue()[0] + " (" + a.getValue()[1] + ")")
                            .collect(Collectors.joining(", ", "{", "}")))
                    .collect(Collectors.joining(", ", "{", "}"));
        }

        void stop() throws Exception {
            stopping.set(true);
            threads.shutdown();
            if (!threads.awaitTermination(120, TimeUnit.SECONDS)) {
                threads.shutdownNow();
                throw new IllegalStateException("senders did not finish their last requests in 120 s");
            }
            for (Future<?> f : running) {
                f.get(); // a sender that failed fails the test with its cause
            }
        }
    }
}
