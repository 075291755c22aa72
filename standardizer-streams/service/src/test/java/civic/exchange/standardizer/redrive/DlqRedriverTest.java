package civic.exchange.standardizer.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The re-driver's decisions on a DLQ held by Kafka's mock clients: what goes back, with which
 * headers, and how progress per dataset and error code keeps a record from going back twice.
 */
class DlqRedriverTest {

    private static final ExchangeCatalog CATALOG = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);
    private static final Dataset STREETLIGHTS = CATALOG.dataset("lighting", "streetlights").orElseThrow();
    private static final Dataset TREES = CATALOG.dataset("parks", "trees").orElseThrow();
    private static final TopicPartition DLQ = new TopicPartition(Topics.DLQ_STANDARDIZER, 0);
    private static final String PREFIX = "standardizer.redrive";

    /** The DLQ, as the standardizer wrote it. */
    private final List<ConsumerRecord<byte[], byte[]>> dlq = new ArrayList<>();
    /** What the progress groups committed, as the broker would keep it. */
    private final Map<String, Map<TopicPartition, Long>> groups = new HashMap<>();
    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private boolean fenced;

    private final DlqRedriver redriver = new DlqRedriver(this::consumer, this::producer,
            (names, partitions) -> {
                Map<String, Map<TopicPartition, Long>> result = new HashMap<>();
                names.forEach(n -> result.put(n, groups.getOrDefault(n, Map.of())));
                return result;
            }, PREFIX, Duration.ofSeconds(10));

    @Test
    void theRecordsOfTheDatasetAndCodeGoBackToTheirRawTopicAsTheyWereIngested() {
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 2, "light-1");
        rejected(TREES, ErrorCode.UNKNOWN_CODE, 0, "tree-1");
        rejected(STREETLIGHTS, ErrorCode.OUT_OF_RANGE, 1, "light-2");
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 1, "light-3");

        RedriveResult result = redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.of(ErrorCode.UNKNOWN_CODE), false));

        assertThat(result.redriven()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(result.fromOffset()).containsExactly(Map.entry(0, 0L));
        assertThat(result.toOffset()).containsExactly(Map.entry(0, 4L));
        assertThat(result.dataset()).isEqualTo("lighting/streetlights");
        assertThat(result.errorCode()).isEqualTo("UNKNOWN_CODE");

        MockProducer<byte[], byte[]> producer = producers.get(0);
        assertThat(producer.transactionCommitted()).isTrue();
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsOnly("raw.lighting.streetlights");
        assertThat(sent).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("light-1", "light-3");
        assertThat(sent).extracting(ProducerRecord::partition).as("back where they were").containsExactly(2, 1);
        assertThat(sent).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("{light-1}", "{light-3}");
        Headers headers = sent.get(0).headers();
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.RECORD_ID)).isEqualTo("rec-light-1");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.CORRELATION_ID)).isEqualTo("corr-light-1");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.INGESTED_AT)).isEqualTo("2024-03-01T12:00:00Z");
        assertThat(ExchangeHeaders.get(headers, ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
        for (String dlqHeader : List.of(ExchangeHeaders.ERROR_CODE, ExchangeHeaders.ERROR_MESSAGE, ExchangeHeaders.ERROR_STAGE,
                ExchangeHeaders.ERROR_FIELD, ExchangeHeaders.ERROR_SPEC, ExchangeHeaders.ERROR_SPEC_VERSION,
                ExchangeHeaders.SOURCE_TOPIC, ExchangeHeaders.SOURCE_PARTITION, ExchangeHeaders.SOURCE_OFFSET)) {
            assertThat(headers.lastHeader(dlqHeader)).as(dlqHeader).isNull();
        }

        // The progress of this dataset and code moved to the end read, in the same transaction.
        assertThat(producer.consumerGroupOffsetsHistory()).hasSize(1);
        assertThat(committed(redriver.group(STREETLIGHTS, ErrorCode.UNKNOWN_CODE))).isEqualTo(4L);
    }

    @Test
    void aSecondRedriveRedrivesNothingAndARecordThatFailedAgainGoesBackOnceMore() {
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-1");
        RedriveRequest request = new RedriveRequest(STREETLIGHTS, Optional.of(ErrorCode.UNKNOWN_CODE), false);
        assertThat(redriver.redrive(request).redriven()).isEqualTo(1);

        RedriveResult again = redriver.redrive(request);
        assertThat(again.redriven()).isZero();
        assertThat(again.skipped()).isZero();
        assertThat(again.fromOffset()).containsExactly(Map.entry(0, 1L));
        assertThat(again.toOffset()).containsExactly(Map.entry(0, 1L));

        // Re-driven, refused again by a spec still not fixed: a new DLQ record, re-driven by the next run.
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-1");
        RedriveResult third = redriver.redrive(request);
        assertThat(third.redriven()).isEqualTo(1);
        assertThat(third.fromOffset()).containsExactly(Map.entry(0, 1L));
        assertThat(producers.get(2).history()).hasSize(1);
    }

    @Test
    void eachCodeKeepsItsOwnProgressSoRedrivingOneCodeDoesNotConsumeTheOthers() {
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-1");
        rejected(STREETLIGHTS, ErrorCode.INVALID_DATE, 0, "light-2");
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-3");
        redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.of(ErrorCode.UNKNOWN_CODE), false));

        // Every code now: the unknown codes went back already, the bad date has not.
        RedriveResult all = redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.empty(), false));
        assertThat(all.errorCode()).isNull();
        assertThat(all.redriven()).isEqualTo(1);
        assertThat(all.skipped()).isEqualTo(2);
        assertThat(producers.get(1).history()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("light-2");
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(committed(redriver.group(STREETLIGHTS, code))).as(code.name()).isEqualTo(3L);
        }
        assertThat(redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.empty(), false)).redriven()).isZero();
        // Another dataset's progress is its own.
        assertThat(committed(redriver.group(TREES, ErrorCode.UNKNOWN_CODE))).isNull();
    }

    @Test
    void aDryRunCountsButSendsAndMovesNothing() {
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-1");
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-2");
        RedriveResult dry = redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.of(ErrorCode.UNKNOWN_CODE), true));
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.redriven()).isEqualTo(2);
        assertThat(producers).isEmpty();
        assertThat(groups).isEmpty();
        assertThat(redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.of(ErrorCode.UNKNOWN_CODE), false)).redriven())
                .isEqualTo(2);
    }

    @Test
    void recordsWithoutASourceTopicOrWithAStrangeCodeAreSkippedNotSent() {
        Headers noSource = headers("light-1", ErrorCode.UNKNOWN_CODE, STREETLIGHTS, 0);
        noSource.remove(ExchangeHeaders.SOURCE_TOPIC);
        add("light-1", noSource);
        Headers strangeCode = headers("light-2", ErrorCode.UNKNOWN_CODE, STREETLIGHTS, 0);
        ExchangeHeaders.put(strangeCode, ExchangeHeaders.ERROR_CODE, "NOT_A_CODE");
        add("light-2", strangeCode);
        Headers noPartition = headers("light-3", ErrorCode.UNKNOWN_CODE, STREETLIGHTS, 0);
        ExchangeHeaders.put(noPartition, ExchangeHeaders.SOURCE_PARTITION, "7");
        add("light-3", noPartition);

        RedriveResult result = redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.empty(), false));
        assertThat(result.redriven()).isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(producers.get(0).history().get(0).partition()).as("no such raw partition: the partitioner decides").isNull();
    }

    @Test
    void aConcurrentRedriveOfTheSameDatasetFencesThisOne() {
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-1");
        fenced = true;
        assertThatThrownBy(() -> redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.empty(), false)))
                .isInstanceOf(RedriveConflictException.class)
                .hasMessageContaining("Another re-drive");
        assertThat(groups).as("no progress").isEmpty();
    }

    @Test
    void progressGroupsAndTransactionsArePerDataset() {
        assertThat(redriver.group(STREETLIGHTS, ErrorCode.UNKNOWN_CODE)).isEqualTo("standardizer.redrive.lighting.streetlights.UNKNOWN_CODE");
        rejected(STREETLIGHTS, ErrorCode.UNKNOWN_CODE, 0, "light-1");
        redriver.redrive(new RedriveRequest(STREETLIGHTS, Optional.empty(), false));
        assertThat(transactionalIds).containsExactly("standardizer.redrive.lighting.streetlights");
    }

    private final List<String> transactionalIds = new ArrayList<>();

    private MockProducer<byte[], byte[]> producer(String transactionalId) {
        transactionalIds.add(transactionalId);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public void initTransactions() {
                super.initTransactions();
                if (fenced) {
                    fenceProducer();
                }
            }

            @Override
            public void commitTransaction() {
                super.commitTransaction();
                // What the broker does on commit: the offsets sent with the transaction become the groups'.
                List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> history = consumerGroupOffsetsHistory();
                history.get(history.size() - 1).forEach((group, offsets) -> offsets.forEach((tp, offset) ->
                        groups.computeIfAbsent(group, g -> new HashMap<>()).put(tp, offset.offset())));
            }
        };
        producers.add(producer);
        return producer;
    }

    private MockConsumer<byte[], byte[]> consumer() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(Topics.DLQ_STANDARDIZER, List.of(new PartitionInfo(Topics.DLQ_STANDARDIZER, 0, null, null, null)));
        for (Dataset dataset : List.of(STREETLIGHTS, TREES)) {
            consumer.updatePartitions(dataset.rawTopic(), IntStream.range(0, 3)
                    .mapToObj(p -> new PartitionInfo(dataset.rawTopic(), p, null, null, null)).toList());
        }
        consumer.updateBeginningOffsets(Map.of(DLQ, 0L));
        consumer.updateEndOffsets(Map.of(DLQ, (long) dlq.size()));
        List<ConsumerRecord<byte[], byte[]>> records = List.copyOf(dlq);
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        return consumer;
    }

    private Long committed(String group) {
        return groups.getOrDefault(group, Map.of()).get(DLQ);
    }

    private void rejected(Dataset dataset, ErrorCode code, int rawPartition, String key) {
        add(key, headers(key, code, dataset, rawPartition));
    }

    private void add(String key, Headers headers) {
        dlq.add(new ConsumerRecord<>(Topics.DLQ_STANDARDIZER, 0, dlq.size(), 0L, TimestampType.CREATE_TIME, 0, 0,
                key.getBytes(StandardCharsets.UTF_8), ("{" + key + "}").getBytes(StandardCharsets.UTF_8), headers, Optional.empty()));
    }

    private static Headers headers(String key, ErrorCode code, Dataset dataset, int rawPartition) {
        Headers headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, dataset.department());
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, dataset.id());
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, "rec-" + key);
        ExchangeHeaders.put(headers, ExchangeHeaders.CORRELATION_ID, "corr-" + key);
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, "2024-03-01T12:00:00Z");
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_CODE, code.name());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_MESSAGE, "status: code 'x' is not in the code table");
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_STAGE, Topics.STAGE_STANDARDIZER);
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_FIELD, "status");
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC, dataset.mapping());
        ExchangeHeaders.put(headers, ExchangeHeaders.ERROR_SPEC_VERSION, "1");
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_TOPIC, dataset.rawTopic());
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_PARTITION, Integer.toString(rawPartition));
        ExchangeHeaders.put(headers, ExchangeHeaders.SOURCE_OFFSET, "17");
        return headers;
    }
}
