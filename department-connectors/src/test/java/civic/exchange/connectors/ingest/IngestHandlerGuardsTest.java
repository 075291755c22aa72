package civic.exchange.connectors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.batch.BatchLimits;
import civic.exchange.connectors.batch.BatchRejectedException;
import civic.exchange.connectors.batch.MemoryBudget;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.batch.json.JsonRecordBatchParser;
import civic.exchange.connectors.ingest.idempotency.AnsweredRequests;
import civic.exchange.connectors.ingest.idempotency.IdempotencyStore;
import civic.exchange.connectors.publish.PublishFailedException;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.errors.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What stops the bus from being overrun or written twice, without a broker: the memory budget for
 * bodies in flight, and Idempotency-Keys (over the in-memory store; the Kafka store is
 * {@code IdempotencyIT}'s).
 */
class IngestHandlerGuardsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");
    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    private static final String LAMP = "{\"id\":\"lamp-1\"}";

    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MemoryBudget budget = new MemoryBudget(1000);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    /** Permits for sends; unlimited unless a test holds sends back. */
    private final Semaphore sends = new Semaphore(1_000_000);
    private final CountDownLatch sending = new CountDownLatch(1);
    private KafkaException failSend;
    private final IngestHandler handler = new IngestHandler(
            ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE),
            new RecordBatchParsers(List.of(new JsonRecordBatchParser())),
            new RawRecordPublisher(id -> {
                MockProducer<byte[], byte[]> p = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
                    @Override
                    public synchronized java.util.concurrent.Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                                                                                      Callback callback) {
                        if (failSend != null) {
                            throw failSend;
                        }
                        sending.countDown();
                        sends.acquireUninterruptibly();
                        return super.send(record, callback);
                    }
                };
                producers.add(p);
                return p;
            }, "guards-test", 2, Duration.ofSeconds(5)),
            new BatchLimits(64 * 1024, 16 * 1024, 100),
            new IngestMetrics(registry),
            Clock.fixed(NOW, ZoneOffset.UTC),
            budget, RETRY_AFTER,
            IdempotencyStore.inMemory(new AnsweredRequests(Duration.ofHours(24), 100, Clock.fixed(NOW, ZoneOffset.UTC))),
            Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        sends.release(1_000_000);
        pool.shutdownNow();
    }

    @Test
    void aBodyThatDoesNotFitTheBudgetIsServiceUnavailableWithRetryAfterAndWritesNothing() {
        byte[] body = bytes(LAMP + " ".repeat(1001));
        IngestUnavailableException e = catchThrowableOfType(IngestUnavailableException.class,
                () -> handler.answer(request("lighting", "streetlights", body, null)));

        assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(e.retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(e.details()).containsEntry("budgetBytes", 1000L).containsEntry("requestedBytes", (long) body.length);
        assertThat(written()).isEmpty();
        assertThat(registry.counter("exchange.ingest.overloaded").count()).isEqualTo(1.0);
    }

    @Test
    void aBodyInFlightHoldsItsBytesUntilItsRequestIsAnswered() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        byte[] slow = bytes(LAMP + " ".repeat(700 - LAMP.length()));
        InputStream slowBody = new InputStream() {
            private final InputStream rest = new ByteArrayInputStream(slow);

            @Override
            public int read() throws java.io.IOException {
                return rest.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                reading.countDown();
                try {
                    finish.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return rest.read(b, off, len);
            }
        };
        Future<IngestOutcome> first = pool.submit(() -> handler.answer(new IngestRequest("lighting", "streetlights",
                "application/json", slow.length, slowBody, null, null)));
        assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(budget.inUse()).isEqualTo(700);

        IngestUnavailableException full = catchThrowableOfType(IngestUnavailableException.class,
                () -> handler.answer(request("lighting", "streetlights", bytes(LAMP + " ".repeat(400)), null)));
        assertThat(full.code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(full.details()).containsEntry("inFlightBytes", 700L);
        assertThat(handler.answer(request("lighting", "streetlights", bytes(LAMP), null)).status())
                .as("a body that fits beside it").isEqualTo(202);

        finish.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(202);
        assertThat(budget.inUse()).isZero();
        assertThat(handler.answer(request("lighting", "streetlights", bytes(LAMP + " ".repeat(400)), null)).status()).isEqualTo(202);
    }

    @Test
    void whateverTheAnswerTheBudgetIsGivenBack() {
        handler.answer(request("lighting", "streetlights", bytes(LAMP), null));
        assertThat(budget.inUse()).as("after an accepted batch").isZero();

        catchThrowableOfType(BatchRejectedException.class,
                () -> handler.answer(request("lighting", "streetlights", bytes("[{\"id\":\"a\"} {]"), null)));
        assertThat(budget.inUse()).as("after a malformed body").isZero();

        failSend = new KafkaException("broker gone");
        catchThrowableOfType(PublishFailedException.class, () -> handler.answer(request("lighting", "streetlights", bytes(LAMP), null)));
        assertThat(budget.inUse()).as("after a failed publish").isZero();
    }

    @Test
    void aRepeatedKeyGetsTheFirstAnswerAgainAndWritesNothing() {
        IngestOutcome first = handler.answer(request("lighting", "streetlights", bytes("[" + LAMP + ",{\"id\":\"lamp-2\"}]"), "sync-1"));
        IngestOutcome again = handler.answer(request("lighting", "streetlights", bytes("[" + LAMP + ",{\"id\":\"lamp-2\"}]"), "sync-1"));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(202);
        assertThat(again.receipt()).isEqualTo(first.receipt());
        assertThat(written()).hasSize(2);
        assertThat(registry.counter("exchange.ingest.replayed", "department", "lighting", "dataset", "streetlights").count())
                .isEqualTo(1.0);
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aKeyReusedWithAnotherBodyOrDatasetIsRefused() {
        handler.answer(request("lighting", "streetlights", bytes(LAMP), "sync-2"));

        BatchRejectedException otherBody = catchThrowableOfType(BatchRejectedException.class,
                () -> handler.answer(request("lighting", "streetlights", bytes("{\"id\":\"lamp-9\"}"), "sync-2")));
        BatchRejectedException otherDataset = catchThrowableOfType(BatchRejectedException.class,
                () -> handler.answer(request("lighting", "control-cabinets", bytes(LAMP), "sync-2")));

        assertThat(otherBody.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(otherBody.field()).isEqualTo("Idempotency-Key");
        assertThat(otherBody.getMessage()).contains("sync-2").contains("another body");
        assertThat(otherBody.details()).containsEntry("dataset", "lighting/streetlights").containsEntry("answeredAt", NOW.toString());
        assertThat(otherDataset.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(otherDataset.getMessage()).contains("lighting/streetlights").contains("lighting/control-cabinets");
        assertThat(written()).hasSize(1);
    }

    @Test
    void keysAreTheDepartmentsOwn() {
        handler.answer(request("lighting", "streetlights", bytes(LAMP), "sync-3"));
        IngestOutcome otherDepartment = handler.answer(request("sanitation", "waste-containers", bytes(LAMP), "sync-3"));

        assertThat(otherDepartment.replayed()).isFalse();
        assertThat(written()).hasSize(2);
    }

    @Test
    void aRefusedOrFailedRequestLeavesItsKeyFree() {
        catchThrowableOfType(BatchRejectedException.class,
                () -> handler.answer(request("lighting", "streetlights", bytes("[" + LAMP + ","), "sync-4")));
        failSend = new KafkaException("broker gone");
        catchThrowableOfType(PublishFailedException.class, () -> handler.answer(request("lighting", "streetlights", bytes(LAMP), "sync-4")));
        failSend = null;

        IngestOutcome fixed = handler.answer(request("lighting", "streetlights", bytes(LAMP), "sync-4"));

        assertThat(fixed.replayed()).isFalse();
        assertThat(written()).hasSize(1);
    }

    @Test
    void aMalformedIdempotencyKeyIsRefused() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> handler.answer(request("lighting", "streetlights", bytes(LAMP), "two words")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.field()).isEqualTo("Idempotency-Key");
        assertThat(written()).isEmpty();
    }

    /** Two requests with the same new key at once: the second waits for the first, then gets its answer. */
    @Test
    void concurrentRequestsWithTheSameKeyWriteOnce() throws Exception {
        sends.drainPermits();
        Future<IngestOutcome> first = pool.submit(() -> handler.answer(request("lighting", "streetlights", bytes(LAMP), "sync-5")));
        assertThat(sending.await(30, TimeUnit.SECONDS)).as("the first is writing").isTrue();
        Future<IngestOutcome> second = pool.submit(() -> handler.answer(request("lighting", "streetlights", bytes(LAMP), "sync-5")));
        // the second cannot finish while the first holds the key
        assertThat(catchThrowableOfType(java.util.concurrent.TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS)))
                .isNotNull();

        sends.release(1_000_000);
        IngestOutcome a = first.get(30, TimeUnit.SECONDS);
        IngestOutcome b = second.get(30, TimeUnit.SECONDS);

        assertThat(a.replayed()).isFalse();
        assertThat(b.replayed()).isTrue();
        assertThat(b.receipt()).isEqualTo(a.receipt());
        assertThat(written()).hasSize(1);
    }

    private List<ProducerRecord<byte[], byte[]>> written() {
        return producers.stream().flatMap(p -> p.history().stream()).toList();
    }

    private static IngestRequest request(String department, String dataset, byte[] body, String idempotencyKey) {
        return new IngestRequest(department, dataset, "application/json", body.length, new ByteArrayInputStream(body),
                idempotencyKey, null, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
