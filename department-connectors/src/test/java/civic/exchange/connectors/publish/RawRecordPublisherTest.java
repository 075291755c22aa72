package civic.exchange.connectors.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.connectors.MockProducers;
import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class RawRecordPublisherTest {

    private static final Dataset STREETLIGHTS = new Dataset("lighting", "streetlights", "test", DatasetFormat.NGSI_LD,
            StandardCharsets.UTF_8, CanonicalEntity.FACILITY, "lighting/streetlights");
    private static final Dataset LEDGER = new Dataset("finance", "ledger", "test", DatasetFormat.CSV,
            StandardCharsets.UTF_8, CanonicalEntity.FACILITY, "finance/ledger");
    private static final Instant INGESTED_AT = Instant.parse("2025-03-01T10:15:30.123Z");

    private final List<FailingProducer> created = new ArrayList<>();
    private final List<String> transactionalIds = new ArrayList<>();
    private int failOnSend = -1;

    private RawRecordPublisher publisher(int poolSize) {
        return new RawRecordPublisher(id -> {
            transactionalIds.add(id);
            FailingProducer producer = new FailingProducer(failOnSend);
            created.add(producer);
            return producer;
        }, "ingest-test", poolSize, Duration.ofSeconds(2));
    }

    @Test
    void writesTheBatchInOneCommittedTransactionWithAllHeaders() {
        RawRecordPublisher publisher = publisher(2);

        publisher.publish(batch(3));

        FailingProducer producer = created.get(0);
        assertThat(transactionalIds).containsExactly("ingest-test-0");
        assertThat(producer.transactionInitialized()).isTrue();
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).hasSize(3);
        ProducerRecord<byte[], byte[]> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo("raw.lighting.streetlights");
        assertThat(new String(first.key(), StandardCharsets.UTF_8)).isEqualTo("lamp-0");
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"lamp-0\"}");
        assertThat(ExchangeHeaders.get(first.headers(), ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
        assertThat(ExchangeHeaders.get(first.headers(), ExchangeHeaders.DATASET)).isEqualTo("streetlights");
        assertThat(ExchangeHeaders.get(first.headers(), ExchangeHeaders.RECORD_ID)).isEqualTo("record-0");
        assertThat(ExchangeHeaders.get(first.headers(), ExchangeHeaders.CORRELATION_ID)).isEqualTo("corr-1");
        assertThat(ExchangeHeaders.get(first.headers(), ExchangeHeaders.INGESTED_AT)).isEqualTo("2025-03-01T10:15:30.123Z");
        assertThat(ExchangeHeaders.get(first.headers(), ExchangeHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(producer.history().get(2).key()).isNull();
    }

    @Test
    void formatHeadersAreWrittenAsGivenButCannotReplaceBusHeaders() {
        RawRecordPublisher publisher = publisher(1);
        byte[] note = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'X', ',', 'Y'};
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put("exchange.format-note", note);
        headers.put(ExchangeHeaders.DEPARTMENT, "someone-else".getBytes(StandardCharsets.UTF_8));
        RawRecord row = new RawRecord("record-0", null, "1,2".getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", headers);

        publisher.publish(new RawBatch(STREETLIGHTS, "corr-1", INGESTED_AT, List.of(row)));

        ProducerRecord<byte[], byte[]> written = created.get(0).history().get(0);
        assertThat(written.headers().lastHeader("exchange.format-note").value()).isEqualTo(note);
        assertThat(written.headers().headers(ExchangeHeaders.DEPARTMENT)).hasSize(1);
        assertThat(ExchangeHeaders.get(written.headers(), ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
        assertThat(ExchangeHeaders.get(written.headers(), ExchangeHeaders.CONTENT_TYPE)).isEqualTo("text/csv; charset=UTF-8");
        assertThat(written.key()).isNull();
        assertThat(written.partition()).as("placed by the producer's partitioner").isNull();
    }

    /**
     * A CSV header row travels once per partition that receives rows of the batch, as a header
     * record just before them; each row carries only its id. Rows go where Kafka's default
     * partitioner puts their key; rows without a key in turn over the partitions.
     */
    @Test
    void aCsvHeaderRowIsWrittenOncePerPartitionBeforeTheRowsThatNameIt() {
        MockProducer<byte[], byte[]> producer = MockProducers.withTopics(LEDGER.rawTopic());
        RawRecordPublisher publisher = new RawRecordPublisher(id -> producer, "ingest-test", 1, Duration.ofSeconds(2));
        byte[] headerRow = "id,amount".getBytes(StandardCharsets.UTF_8);
        byte[] otherHeaderRow = "id,amount,currency".getBytes(StandardCharsets.UTF_8);
        List<RawRecord> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // rows 0..29 keyed, 30..32 without key, 33..39 under another header row
            String key = i >= 30 && i < 33 ? null : "row-" + i;
            byte[] header = i < 33 ? headerRow : otherHeaderRow;
            rows.add(new RawRecord("record-" + i, key, (i + ",1").getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8",
                    Map.of(ExchangeHeaders.CSV_HEADER_ROW, header)));
        }
        CompanionRecord answer = new CompanionRecord("ingest.idempotency", bytes("lighting/key-1"), bytes("{}"));

        publisher.publish(new RawBatch(LEDGER, "corr-1", INGESTED_AT, rows, List.of(answer)));

        List<ProducerRecord<byte[], byte[]>> written = producer.history();
        assertThat(producer.commitCount()).as("one transaction").isEqualTo(1);
        assertThat(written.get(written.size() - 1)).as("the companion record, last").satisfies(r -> {
            assertThat(r.topic()).isEqualTo("ingest.idempotency");
            assertThat(r.headers().toArray()).isEmpty();
        });
        List<ProducerRecord<byte[], byte[]>> raw = written.subList(0, written.size() - 1);
        String headerId = CsvHeaderRecords.id(headerRow);
        String otherHeaderId = CsvHeaderRecords.id(otherHeaderRow);
        Map<String, Set<Integer>> headed = new HashMap<>();
        List<Integer> unkeyedPartitions = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : raw) {
            assertThat(record.partition()).isNotNull().isBetween(0, MockProducers.PARTITIONS - 1);
            String id = ExchangeHeaders.get(record.headers(), ExchangeHeaders.CSV_HEADER_ID);
            if (CsvHeaderRecords.isHeaderRecord(record.headers())) {
                assertThat(headed.computeIfAbsent(id, k -> new HashSet<>()).add(record.partition()))
                        .as("one header record per partition and header row").isTrue();
                assertThat(record.value()).isEqualTo(id.equals(headerId) ? headerRow : otherHeaderRow);
                assertThat(record.key()).isNull();
                assertThat(ExchangeHeaders.get(record.headers(), ExchangeHeaders.DEPARTMENT)).isEqualTo("finance");
                assertThat(ExchangeHeaders.get(record.headers(), ExchangeHeaders.DATASET)).isEqualTo("ledger");
                assertThat(ExchangeHeaders.get(record.headers(), ExchangeHeaders.INGESTED_AT)).isEqualTo("2025-03-01T10:15:30.123Z");
                assertThat(ExchangeHeaders.get(record.headers(), ExchangeHeaders.RECORD_ID)).as("not a record of the dataset").isNull();
                continue;
            }
            int row = Integer.parseInt(ExchangeHeaders.get(record.headers(), ExchangeHeaders.RECORD_ID).substring("record-".length()));
            assertThat(id).isEqualTo(row < 33 ? headerId : otherHeaderId);
            assertThat(headed.getOrDefault(id, Set.of())).as("row %d after its header record", row).contains(record.partition());
            assertThat(record.headers().lastHeader(ExchangeHeaders.CSV_HEADER_ROW)).as("no header row on the row").isNull();
            if (record.key() == null) {
                unkeyedPartitions.add(record.partition());
            } else {
                // Kafka's default partitioner for keyed records
                int expected = Utils.toPositive(Utils.murmur2(record.key())) % MockProducers.PARTITIONS;
                assertThat(record.partition()).as("row %d", row).isEqualTo(expected);
            }
        }
        assertThat(raw).hasSize(40 + headed.values().stream().mapToInt(Set::size).sum());
        assertThat(headed.get(headerId)).hasSize(MockProducers.PARTITIONS);
        assertThat(headed.get(otherHeaderId)).hasSizeBetween(1, MockProducers.PARTITIONS);
        assertThat(unkeyedPartitions).as("rows without key, spread").doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void aCsvBatchForATopicWithoutKnownPartitionsFailsWithoutWriting() {
        MockProducer<byte[], byte[]> producer = MockProducers.withTopics("raw.other.topic");
        RawRecordPublisher publisher = new RawRecordPublisher(id -> producer, "ingest-test", 1, Duration.ofSeconds(2));
        RawRecord row = new RawRecord("record-0", "k", bytes("1,2"), "text/csv; charset=UTF-8",
                Map.of(ExchangeHeaders.CSV_HEADER_ROW, bytes("a,b")));

        PublishFailedException e = catchThrowableOfType(PublishFailedException.class,
                () -> publisher.publish(new RawBatch(LEDGER, "corr-1", INGESTED_AT, List.of(row))));

        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reusesTheProducerForTheNextBatch() {
        RawRecordPublisher publisher = publisher(1);

        publisher.publish(batch(1));
        publisher.publish(batch(2));

        assertThat(created).hasSize(1);
        assertThat(created.get(0).commitCount()).isEqualTo(2);
        assertThat(created.get(0).history()).hasSize(3);
    }

    @Test
    void aSendFailureHalfWayAbortsTheWholeBatch() {
        failOnSend = 2;
        RawRecordPublisher publisher = publisher(1);

        PublishFailedException e = catchThrowableOfType(PublishFailedException.class, () -> publisher.publish(batch(4)));

        FailingProducer producer = created.get(0);
        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(e).hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.commitCount()).isZero();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.sendAttempts).isEqualTo(3);
    }

    @Test
    void aFailedCommitAbortsAndTheProducerStaysUsable() {
        RawRecordPublisher publisher = publisher(1);
        publisher.publish(batch(1));
        created.get(0).commitTransactionException = new KafkaException("broker went away");

        assertThat(catchThrowableOfType(PublishFailedException.class, () -> publisher.publish(batch(2)))).isNotNull();

        assertThat(created.get(0).transactionAborted()).isTrue();
        assertThat(created.get(0).history()).hasSize(1);
        created.get(0).commitTransactionException = null;
        publisher.publish(batch(1));
        assertThat(created).hasSize(1);
        assertThat(created.get(0).history()).hasSize(2);
    }

    @Test
    void anUnconfirmedCommitHasAnUnknownOutcomeAndReplacesTheProducer() {
        RawRecordPublisher publisher = publisher(1);
        publisher.publish(batch(1));
        created.get(0).commitTransactionException = new TimeoutException("no answer from the coordinator");

        PublishFailedException e = catchThrowableOfType(PublishFailedException.class, () -> publisher.publish(batch(1)));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(created.get(0).closed()).isTrue();
        publisher.publish(batch(1));
        assertThat(created).hasSize(2);
        assertThat(transactionalIds).containsExactly("ingest-test-0", "ingest-test-0");
    }

    @Test
    void aFencedProducerIsReplaced() {
        RawRecordPublisher publisher = publisher(1);
        publisher.publish(batch(1));
        created.get(0).fenceProducer();

        assertThat(catchThrowableOfType(PublishFailedException.class, () -> publisher.publish(batch(1)))).isNotNull();

        assertThat(created.get(0).closed()).isTrue();
        publisher.publish(batch(1));
        assertThat(created).hasSize(2);
        assertThat(created.get(1).history()).hasSize(1);
    }

    @Test
    void aBrokerThatCannotStartTransactionsFailsTheBatchAndIsRetriedNextTime() {
        RawRecordPublisher publisher = new RawRecordPublisher(id -> {
            FailingProducer producer = new FailingProducer(-1);
            if (created.isEmpty()) {
                producer.initTransactionException = new TimeoutException("no broker");
            }
            created.add(producer);
            return producer;
        }, "ingest-test", 1, Duration.ofSeconds(1));

        PublishFailedException e = catchThrowableOfType(PublishFailedException.class, () -> publisher.publish(batch(1)));

        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(created.get(0).closed()).isTrue();
        publisher.publish(batch(1));
        assertThat(created.get(1).history()).hasSize(1);
    }

    @Test
    void concurrentBatchesUseDistinctTransactionalIdsAndWaitWhenAllAreBusy() throws Exception {
        CountDownLatch sending = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        RawRecordPublisher publisher = new RawRecordPublisher(id -> {
            transactionalIds.add(id);
            return new BlockingProducer(sending, release);
        }, "ingest-test", 2, Duration.ofMillis(200));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> publisher.publish(batch(1)));
            Future<?> b = pool.submit(() -> publisher.publish(batch(1)));
            assertThat(sending.await(5, TimeUnit.SECONDS)).isTrue();

            PublishFailedException busy = catchThrowableOfType(PublishFailedException.class, () -> publisher.publish(batch(1)));
            assertThat(busy).hasMessageContaining("busy");

            release.countDown();
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            assertThat(transactionalIds).containsExactlyInAnyOrder("ingest-test-0", "ingest-test-1");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void closedPublisherRefusesBatches() {
        RawRecordPublisher publisher = publisher(1);
        publisher.publish(batch(1));

        publisher.close();

        assertThat(created.get(0).closed()).isTrue();
        assertThat(catchThrowableOfType(PublishFailedException.class, () -> publisher.publish(batch(1)))).isNotNull();
    }

    private static RawBatch batch(int size) {
        List<RawRecord> records = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String key = i == 2 ? null : "lamp-" + i;
            records.add(new RawRecord("record-" + i, key, ("{\"id\":\"lamp-" + i + "\"}").getBytes(StandardCharsets.UTF_8),
                    "application/json"));
        }
        return new RawBatch(STREETLIGHTS, "corr-1", INGESTED_AT, records);
    }

    /** A mock producer whose n-th send (from 0) fails the way a too-large record does on a real broker. */
    static class FailingProducer extends MockProducer<byte[], byte[]> {
        private final int failOn;
        int sendAttempts;

        FailingProducer(int failOn) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.failOn = failOn;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (sendAttempts++ == failOn) {
                throw new RecordTooLargeException("record " + failOn + " is too large for the topic");
            }
            return super.send(record, callback);
        }
    }

    /** Holds its first send until released, to keep a producer busy. */
    static class BlockingProducer extends MockProducer<byte[], byte[]> {
        private final CountDownLatch sending;
        private final CountDownLatch release;

        BlockingProducer(CountDownLatch sending, CountDownLatch release) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.sending = sending;
            this.release = release;
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sending.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
        }
    }
}
