package civic.exchange.connectors.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.RawTopicReader;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.MemoryBudget;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.batch.csv.CsvRecordBatchParser;
import civic.exchange.connectors.batch.json.JsonRecordBatchParser;
import civic.exchange.connectors.ingest.idempotency.AnsweredRequest;
import civic.exchange.connectors.ingest.idempotency.AnsweredRequests;
import civic.exchange.connectors.ingest.idempotency.KafkaIdempotencyStore;
import civic.exchange.connectors.publish.RawProducerConfig;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.errors.ErrorCode;
import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key over real HTTP onto a real broker: a retry gets the first answer and writes
 * nothing, the records are on the raw topic once; the answer lives in {@code ingest.idempotency},
 * so a fresh store over that topic (a restarted or another instance) still knows the key, and after
 * the window the key writes again; the same key with another body or dataset is refused (422).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class IdempotencyIT {

    private static final String PATH = "/ingest/{department}/{dataset}";
    private static final String LIGHTS = Topics.raw("lighting", "streetlights");
    private static final String LA = Topics.raw("hotline", "myla311");

    private static RawTopicReader lights;
    private static RawTopicReader la;
    private static String bootstrap;

    @BeforeEach
    void connect() {
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
        if (lights == null) {
            bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            lights = new RawTopicReader(bootstrap, LIGHTS);
            la = new RawTopicReader(bootstrap, LA);
        }
        lights.mark();
        la.mark();
    }

    @AfterAll
    static void disconnect() {
        if (lights != null) {
            lights.close();
            la.close();
            lights = null;
            la = null;
        }
    }

    @Test
    void aRetryGetsTheFirstAnswerAndTheRecordsAreOnTheBusOnce() {
        String key = "sync-" + UUID.randomUUID();
        String body = "[{\"id\":\"lamp-idem-1\"},{\"id\":\"lamp-idem-2\"}]";

        Response first = post("lighting", "streetlights", "application/json", body, key);
        Response again = post("lighting", "streetlights", "application/json", body, key);

        first.then().statusCode(202).header("Idempotent-Replayed", nullValue()).body("accepted", equalTo(2));
        again.then().statusCode(202).header("Idempotent-Replayed", "true")
                .header("X-Correlation-Id", first.header("X-Correlation-Id"));
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(lights.readToEnd()).as("the first request's records, once").hasSize(2);
        // the answer is on the topic, keyed by department and key
        List<ConsumerRecord<String, byte[]>> answers = answers("lighting/" + key);
        assertThat(answers).hasSize(1);
        AnsweredRequest stored = AnsweredRequest.fromJson(answers.get(0).value());
        assertThat(stored.dataset()).isEqualTo("lighting/streetlights");
        assertThat(stored.status()).isEqualTo(202);
        assertThat(stored.body().get("correlationId").asText()).isEqualTo(first.header("X-Correlation-Id"));
    }

    @Test
    void aCsvRetryWritesNeitherRowsNorHeaderRecordsAgain() {
        String key = "la-import-" + UUID.randomUUID();
        String body = "SRNumber,CreatedDate,Status,Address\n1-idem-1,12/31/2017,Closed,x\n1-idem-2,12/31/2017,Open,y\n";

        post("hotline", "myla311", "text/csv", body, key).then().statusCode(202).body("accepted", equalTo(2));
        List<ConsumerRecord<byte[], byte[]>> firstWrite = la.readToEnd();
        post("hotline", "myla311", "text/csv", body, key).then().statusCode(202).header("Idempotent-Replayed", "true");

        assertThat(RawTopicReader.dataRecords(firstWrite)).hasSize(2);
        assertThat(la.readToEnd()).as("nothing more after the retry").isEmpty();
    }

    @Test
    void theSameKeyWithAnotherBodyOrForAnotherDatasetIsRefusedAndWritesNothing() {
        String key = "sync-" + UUID.randomUUID();
        post("lighting", "streetlights", "application/json", "{\"id\":\"lamp-idem-3\"}", key).then().statusCode(202);
        lights.readToEnd();

        post("lighting", "streetlights", "application/json", "{\"id\":\"lamp-idem-4\"}", key).then()
                .statusCode(422)
                .contentType("application/json")
                .body("error", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("field", equalTo("Idempotency-Key"))
                .body("message", containsString("another body"))
                .body("dataset", equalTo("lighting/streetlights"));
        post("lighting", "control-cabinets", "application/json", "{\"id\":\"lamp-idem-3\"}", key).then()
                .statusCode(422)
                .body("error", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("message", containsString("lighting/control-cabinets"));
        assertThat(lights.readToEnd()).isEmpty();
    }

    @Test
    void aMalformedIdempotencyKeyIsRefused() {
        post("lighting", "streetlights", "application/json", "{\"id\":\"lamp-idem-5\"}", "two words").then()
                .statusCode(400)
                .body("error", equalTo("INVALID_VALUE"))
                .body("field", equalTo("Idempotency-Key"));
        post("lighting", "streetlights", "application/json", "{\"id\":\"lamp-idem-5\"}", "k".repeat(201)).then()
                .statusCode(400)
                .body("field", equalTo("Idempotency-Key"));
        assertThat(lights.readToEnd()).isEmpty();
    }

    @Test
    void concurrentRequestsWithTheSameKeyWriteOnce() throws Exception {
        String key = "sync-" + UUID.randomUUID();
        String body = "[{\"id\":\"lamp-idem-6\"},{\"id\":\"lamp-idem-7\"},{\"id\":\"lamp-idem-8\"}]";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(pool.submit((Callable<Response>) () -> post("lighting", "streetlights", "application/json", body, key)));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : sent) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
            assertThat(answers).filteredOn(r -> r.header("Idempotent-Replayed") == null).as("one written").hasSize(1);
            assertThat(answers).extracting(Response::asString).containsOnly(answers.get(0).asString());
        } finally {
            pool.shutdownNow();
        }
        assertThat(lights.readToEnd()).hasSize(3);
    }

    /**
     * The key's answer outlives the instance that gave it: a handler with a store of its own, reading
     * the topic from its beginning (an instance restarted, or another one), answers the retry from
     * it and writes nothing.
     */
    @Test
    void aFreshStoreOverTheTopicStillKnowsTheKey() throws Exception {
        String key = "sync-" + UUID.randomUUID();
        String body = "{\"id\":\"lamp-idem-9\"}";
        Response first = post("lighting", "streetlights", "application/json", body, key);
        first.then().statusCode(202);
        lights.readToEnd();

        try (Instance other = new Instance(Clock.systemUTC())) {
            IngestOutcome retried = other.handler.answer(request(key, body));

            assertThat(retried.replayed()).isTrue();
            assertThat(retried.receipt().correlationId()).isEqualTo(first.header("X-Correlation-Id"));
            BatchRejectedException reused = catchThrowableOfType(BatchRejectedException.class,
                    () -> other.handler.answer(request(key, "{\"id\":\"lamp-idem-10\"}")));
            assertThat(reused.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        }
        assertThat(lights.readToEnd()).isEmpty();
    }

    /** Once the window has passed (24 h; here an instance whose clock is a day ahead), the key writes again. */
    @Test
    void afterTheWindowTheKeyWritesAgain() throws Exception {
        String key = "sync-" + UUID.randomUUID();
        String body = "{\"id\":\"lamp-idem-11\"}";
        post("lighting", "streetlights", "application/json", body, key).then().statusCode(202);
        assertThat(lights.readToEnd()).hasSize(1);

        try (Instance dayLater = new Instance(Clock.offset(Clock.systemUTC(), Duration.ofHours(24).plusMinutes(1)))) {
            IngestOutcome again = dayLater.handler.answer(request(key, body));

            assertThat(again.replayed()).isFalse();
            assertThat(again.receipt().accepted()).isEqualTo(1);
        }
        assertThat(lights.readToEnd()).as("written again").hasSize(1);
    }

    private static Response post(String department, String dataset, String contentType, String body, String key) {
        return given().contentType(contentType).header("Idempotency-Key", key).body(body.getBytes(StandardCharsets.UTF_8))
                .post(PATH, department, dataset);
    }

    private static IngestRequest request(String key, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new IngestRequest("lighting", "streetlights", "application/json", bytes.length, new ByteArrayInputStream(bytes),
                key, null, null);
    }

    /** Every record of {@code ingest.idempotency} with this key, read committed from the beginning. */
    private static List<ConsumerRecord<String, byte[]>> answers(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(readerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.INGEST_IDEMPOTENCY).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return found;
        }
    }

    private static Map<String, Object> readerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    /** A second ingest instance over the same bus: its own producers and its own store, read from the topic. */
    private static final class Instance implements AutoCloseable {
        final RawRecordPublisher publisher;
        final KafkaIdempotencyStore store;
        final IngestHandler handler;

        Instance(Clock clock) {
            publisher = new RawRecordPublisher(id -> new KafkaProducer<>(RawProducerConfig.of(
                    Map.of("bootstrap.servers", bootstrap), id, 2 * 1024 * 1024)), "idempotency-it-" + UUID.randomUUID(), 1,
                    Duration.ofSeconds(30));
            store = new KafkaIdempotencyStore(Topics.INGEST_IDEMPOTENCY,
                    () -> new KafkaConsumer<>(readerConfig(), new StringDeserializer(), new ByteArrayDeserializer()),
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)),
                    new AnsweredRequests(Duration.ofHours(24), 1000, clock), Duration.ofSeconds(30)).start();
            handler = new IngestHandler(ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE),
                    new RecordBatchParsers(List.of(new JsonRecordBatchParser(), new CsvRecordBatchParser())), publisher,
                    BatchLimits.defaults(), new IngestMetrics(new SimpleMeterRegistry()), clock, new MemoryBudget(64L << 20),
                    Duration.ofSeconds(5), store, Duration.ofSeconds(30));
        }

        @Override
        public void close() {
            store.close();
            publisher.close();
        }
    }
}
