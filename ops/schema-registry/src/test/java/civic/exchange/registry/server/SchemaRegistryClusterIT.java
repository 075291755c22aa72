package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import civic.exchange.registry.server.RegistryLog.Write;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;

/**
 * Several registry instances on one schemas topic: one elected writer, followers forwarding writes and reading their
 * own writes back, failover when the leader stops, fencing of a leader that missed its own replacement.
 * One broker for the class; each test uses a topic (and so an election group) of its own.
 */
class SchemaRegistryClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    private static KafkaClusterTestKit cluster;
    private static HttpClient http;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "3")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "3")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static SchemaRegistryConfig config(String topic) {
        return SchemaRegistryConfig.of(cluster.bootstrapServers(), 0).withTopic(topic);
    }

    @Test
    void oneLeaderAndAFollowerThatForwardsWritesAndReadsThemBack() throws Exception {
        try (SchemaRegistryServer a = SchemaRegistryServer.start(config("_schemas_pair"));
             SchemaRegistryServer b = SchemaRegistryServer.start(config("_schemas_pair"))) {
            awaitOneLeader(a, b);
            SchemaRegistryServer leader = a.isLeader() ? a : b;
            SchemaRegistryServer follower = a.isLeader() ? b : a;

            int id = register(follower, "pair-value", schema("Pair", 1));

            // Read-your-writes on the follower, and the leader holds the same record.
            assertThat(json(get(follower, "/schemas/ids/" + id), 200).get("schema").asText()).contains("Pair");
            assertThat(json(get(leader, "/subjects/pair-value/versions/latest"), 200).get("id").asInt()).isEqualTo(id);
            assertThat(register(leader, "pair-value", schema("Pair", 1))).isEqualTo(id);
            // A write that is a no-op (already registered) is answered by the follower itself.
            assertThat(register(follower, "pair-value", schema("Pair", 1))).isEqualTo(id);

            // Every kind of write is forwarded: config, mode, deletes.
            assertThat(json(put(follower, "/config/pair-value", "{\"compatibility\":\"NONE\"}"), 200)
                    .get("compatibility").asText()).isEqualTo("NONE");
            assertThat(json(get(follower, "/config/pair-value"), 200).get("compatibilityLevel").asText()).isEqualTo("NONE");
            assertThat(json(put(follower, "/mode/pair-value", "{\"mode\":\"READONLY\"}"), 200).get("mode").asText())
                    .isEqualTo("READONLY");
            assertError(post(follower, "/subjects/pair-value/versions", body(schema("Pair", 2))), 422, 42205);
            assertThat(json(delete(follower, "/mode/pair-value"), 200).get("mode").asText()).isEqualTo("READONLY");
            assertThat(json(delete(follower, "/subjects/pair-value"), 200).toString()).isEqualTo("[1]");
            assertError(get(leader, "/subjects/pair-value/versions"), 404, 40401);
            // Errors decided by the leader reach the follower's client unchanged.
            assertError(delete(follower, "/subjects/pair-value"), 404, 40404);
        }
    }

    @Test
    void concurrentRegistrationsThroughBothInstancesNeverCollide() throws Exception {
        try (SchemaRegistryServer a = SchemaRegistryServer.start(config("_schemas_concurrent"));
             SchemaRegistryServer b = SchemaRegistryServer.start(config("_schemas_concurrent"))) {
            awaitOneLeader(a, b);
            // left-value receives unrelated schemas concurrently: only their version numbers matter here.
            json(put(a, "/config/left-value", "{\"compatibility\":\"NONE\"}"), 200);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                Map<String, List<Future<Integer>>> idsBySchema = new HashMap<>();
                for (int i = 0; i < 6; i++) {
                    String schema = schema("Concurrent" + i, 1);
                    List<Future<Integer>> ids = new ArrayList<>();
                    // The same schema under two subjects, through each instance: one id.
                    ids.add(pool.submit(() -> register(a, "left-value", schema.replace("Concurrent", "L"))));
                    String subject = "concurrent-" + i;
                    ids.add(pool.submit(() -> register(a, subject + "-a-value", schema)));
                    ids.add(pool.submit(() -> register(b, subject + "-b-value", schema)));
                    idsBySchema.put(schema, ids.subList(1, 3));
                    idsBySchema.put(schema.replace("Concurrent", "L"), ids.subList(0, 1));
                }
                Map<String, Integer> idOf = new HashMap<>();
                for (Map.Entry<String, List<Future<Integer>>> entry : idsBySchema.entrySet()) {
                    List<Integer> ids = new ArrayList<>();
                    for (Future<Integer> future : entry.getValue()) {
                        ids.add(future.get());
                    }
                    assertThat(ids).as("one id per schema").containsOnly(ids.get(0));
                    idOf.put(entry.getKey(), ids.get(0));
                }
                assertThat(idOf.values()).as("distinct schemas, distinct ids").doesNotHaveDuplicates();
                // Versions too were decided by one writer: left-value got 6 versions in some order, 1..6.
                assertThat(json(get(b, "/subjects/left-value/versions"), 200).toString()).isEqualTo("[1,2,3,4,5,6]");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void whenTheLeaderStopsTheOtherInstanceTakesOverAndIdsContinue() throws Exception {
        SchemaRegistryServer a = SchemaRegistryServer.start(config("_schemas_failover"));
        try (SchemaRegistryServer b = SchemaRegistryServer.start(config("_schemas_failover"))) {
            awaitOneLeader(a, b);
            SchemaRegistryServer leader = a.isLeader() ? a : b;
            SchemaRegistryServer survivor = a.isLeader() ? b : a;
            int before = register(survivor, "failover-value", schema("Failover", 1));

            leader.close();

            long deadline = System.nanoTime() + FAILOVER.toNanos();
            while (!survivor.isLeader() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(survivor.isLeader()).as("survivor elected").isTrue();
            int after = register(survivor, "failover-value", schema("Failover", 2));
            assertThat(after).isGreaterThan(before);
            assertThat(json(get(survivor, "/subjects/failover-value/versions"), 200).toString()).isEqualTo("[1,2]");
        } finally {
            a.close();
        }
    }

    @Test
    void aCrashedLeaderIsReplacedOnceItsSessionTimesOut() throws Exception {
        // The leader is a separate JVM, killed with SIGKILL: no LeaveGroup, no producer close, as in a real crash.
        String topic = "_schemas_crash";
        Process leader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SchemaRegistryMain.class.getName(),
                "--bootstrap-servers", cluster.bootstrapServers(), "--host", "127.0.0.1", "--port", "0", "--topic", topic)
                .redirectErrorStream(true).start();
        try {
            String leaderUrl = awaitListening(leader);
            try (SchemaRegistryServer survivor = SchemaRegistryServer.start(config(topic))) {
                assertThat(survivor.isLeader()).as("the first instance keeps leading").isFalse();
                int before = register(survivor, "crash-value", schema("Crash", 1));
                assertThat(JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(leaderUrl + "/schemas/ids/" + before))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()).get("schema").asText()).contains("Crash");

                leader.destroyForcibly().waitFor();

                // The survivor's write waits through the election instead of failing: one call, answered once it leads.
                int after = register(survivor, "crash-value", schema("Crash", 2));
                assertThat(survivor.isLeader()).isTrue();
                assertThat(after).isGreaterThan(before);
                assertThat(json(get(survivor, "/subjects/crash-value/versions"), 200).toString()).isEqualTo("[1,2]");
            }
        } finally {
            leader.destroyForcibly();
        }
    }

    /** Reads the child's output until its "listening on <url>" line; keeps draining it afterwards. */
    private static String awaitListening(Process process) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("Schema registry listening on ")) {
                        url.complete(line.substring("Schema registry listening on ".length()).trim());
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
            url.completeExceptionally(new IllegalStateException("registry process ended before listening"));
        });
        drain.setDaemon(true);
        drain.start();
        return url.get(FAILOVER.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void anIneligibleInstanceNeverLeadsButForwards() throws Exception {
        try (SchemaRegistryServer reader = SchemaRegistryServer.start(config("_schemas_ineligible").withLeaderEligible(false));
             SchemaRegistryServer writer = SchemaRegistryServer.start(config("_schemas_ineligible"))) {
            long deadline = System.nanoTime() + FAILOVER.toNanos();
            while (!writer.isLeader() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(writer.isLeader()).isTrue();
            assertThat(reader.isLeader()).isFalse();

            int id = register(reader, "ineligible-value", schema("Ineligible", 1));

            assertThat(json(get(writer, "/schemas/ids/" + id), 200).get("schema").asText()).contains("Ineligible");
        }
    }

    @Test
    void aLeaderThatMissedItsReplacementIsFencedAndCannotWrite() throws Exception {
        // Split brain, forced: two stores both told they lead, as a paused leader would believe after its session
        // expired. The second one's initTransactions() fences the first.
        SchemaRegistryConfig config = config("_schemas_fencing");
        RegistryState firstState = new RegistryState();
        RegistryState secondState = new RegistryState();
        try (KafkaStore first = new KafkaStore(config, firstState); KafkaStore second = new KafkaStore(config, secondState)) {
            first.start();
            second.start();
            first.becomeLeader();
            first.write(List.of(schemaRecord("fenced", 1, 1, "\"string\"")));

            second.becomeLeader();
            second.write(List.of(schemaRecord("fenced", 2, 2, "\"long\"")));

            assertThatThrownBy(() -> first.write(List.of(schemaRecord("fenced", 2, 3, "\"int\""))))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.isNotLeader()).isTrue());
            assertThat(first.isLeader()).isFalse();
            // Both readers hold exactly the two committed versions.
            first.awaitApplied(second.appliedOffset(), Duration.ofSeconds(30));
            assertThat(firstState.liveVersions("fenced")).extracting(SchemaVersion::id).containsExactly(1, 2);
            assertThat(secondState.liveVersions("fenced")).extracting(SchemaVersion::id).containsExactly(1, 2);
        }
    }

    @Test
    void idsAreStableAcrossRestartsOfEveryInstance() throws Exception {
        int id;
        try (SchemaRegistryServer a = SchemaRegistryServer.start(config("_schemas_restart2"));
             SchemaRegistryServer b = SchemaRegistryServer.start(config("_schemas_restart2"))) {
            awaitOneLeader(a, b);
            id = register(b, "stable-value", schema("Stable", 1));
        }
        try (SchemaRegistryServer c = SchemaRegistryServer.start(config("_schemas_restart2"))) {
            assertThat(register(c, "stable-value", schema("Stable", 1))).isEqualTo(id);
            assertThat(register(c, "stable-other-value", schema("Stable", 1))).isEqualTo(id);
            assertThat(register(c, "stable-value", schema("Stable", 2))).isEqualTo(id + 1);
        }
    }

    // ---- utilities ----

    private static Write schemaRecord(String subject, int version, int id, String schema) {
        return Write.put(new SchemaKey(subject, version),
                RegistryRecords.encodeSchema(new SchemaVersion(subject, version, id, schema, List.of(), false)));
    }

    private static void awaitOneLeader(SchemaRegistryServer a, SchemaRegistryServer b) throws InterruptedException {
        long deadline = System.nanoTime() + FAILOVER.toNanos();
        while (!(a.isLeader() ^ b.isLeader()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(a.isLeader() ^ b.isLeader()).as("exactly one leader").isTrue();
    }

    /** A record schema with {@code fields} optional fields: each version is backward compatible with the previous. */
    private static String schema(String name, int fields) {
        StringBuilder schema = new StringBuilder("{\"type\":\"record\",\"name\":\"" + name
                + "\",\"namespace\":\"civic.ha\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}");
        for (int i = 2; i <= fields; i++) {
            schema.append(",{\"name\":\"f").append(i).append("\",\"type\":[\"null\",\"string\"],\"default\":null}");
        }
        return schema.append("]}").toString();
    }

    private static String body(String schema) throws Exception {
        return "{\"schema\":" + JSON.writeValueAsString(schema) + "}";
    }

    private static int register(SchemaRegistryServer server, String subject, String schema) throws Exception {
        return json(post(server, "/subjects/" + subject + "/versions", body(schema)), 200).get("id").asInt();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder request(SchemaRegistryServer server, String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", RestHandler.CONTENT_TYPE);
    }

    private static HttpResponse<String> get(SchemaRegistryServer server, String path) throws Exception {
        return send(request(server, path).GET());
    }

    private static HttpResponse<String> post(SchemaRegistryServer server, String path, String body) throws Exception {
        return send(request(server, path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> put(SchemaRegistryServer server, String path, String body) throws Exception {
        return send(request(server, path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> delete(SchemaRegistryServer server, String path) throws Exception {
        return send(request(server, path).DELETE());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, int errorCode) throws Exception {
        assertThat(json(response, status).get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
    }
}
