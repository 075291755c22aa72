package civic.exchange.standardizer.redrive;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code dlq.standardizer} records again to their raw topic, after the spec that refused
 * them was fixed. A re-driven record is the raw record as it was: same key, value and headers
 * (record id, correlation id, ingested-at...), without the error and source headers the DLQ added.
 * Canonical ids are deterministic, so a record standardized again is the same canonical record.
 *
 * <p><b>Never twice.</b> Progress is a consumer group per dataset and error code
 * ({@code <prefix>.<department>.<dataset>.<CODE>}): its committed offset on the DLQ is where the
 * next re-drive of that code starts. The re-driven records and the new offsets of every group
 * involved are committed in one Kafka transaction (batch by batch), so a crash re-drives a batch
 * either fully, with its offsets, or not at all. Re-driving one code does not consume the records
 * of other codes: each keeps its own place. The DLQ is read up to its end at the start of the call,
 * so records that fail again (appended later) wait for the next re-drive instead of looping.
 *
 * <p><b>One at a time.</b> The transactional id is per dataset: a second re-drive of the same
 * dataset, here or on another instance, fences the first, whose open transaction is aborted and
 * which fails with {@link RedriveConflictException}. In this process, calls are serialized.
 */
public final class DlqRedriver {

    private static final Logger LOG = LoggerFactory.getLogger(DlqRedriver.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Headers the DLQ added; everything else is the raw record's own and goes back with it. */
    private static final Set<String> DLQ_HEADERS = Set.of(ExchangeHeaders.ERROR_CODE, ExchangeHeaders.ERROR_MESSAGE,
            ExchangeHeaders.ERROR_STAGE, ExchangeHeaders.ERROR_FIELD, ExchangeHeaders.ERROR_SPEC,
            ExchangeHeaders.ERROR_SPEC_VERSION, ExchangeHeaders.SOURCE_TOPIC, ExchangeHeaders.SOURCE_PARTITION,
            ExchangeHeaders.SOURCE_OFFSET);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Function<String, Producer<byte[], byte[]>> producers;
    private final CommittedOffsets committed;
    private final String prefix;
    private final Duration timeout;

    /**
     * @param consumers a new consumer of the DLQ: {@code read_committed}, no group, no auto-commit
     * @param producers a new transactional producer for a transactional id
     * @param committed where the progress groups are
     * @param prefix    progress groups and transactional ids start with it, e.g. {@code standardizer.redrive}
     * @param timeout   how long one re-drive may take before it gives up (what it committed stays done)
     */
    public DlqRedriver(Supplier<Consumer<byte[], byte[]>> consumers, Function<String, Producer<byte[], byte[]>> producers,
                       CommittedOffsets committed, String prefix, Duration timeout) {
        this.consumers = consumers;
        this.producers = producers;
        this.committed = committed;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    /** The consumer group that keeps the progress of re-driving {@code code} for {@code dataset}. */
    public String group(Dataset dataset, ErrorCode code) {
        return transactionalId(dataset) + "." + code.name();
    }

    private String transactionalId(Dataset dataset) {
        return prefix + "." + dataset.department() + "." + dataset.id();
    }

    public synchronized RedriveResult redrive(RedriveRequest request) {
        Dataset dataset = request.dataset();
        Map<ErrorCode, String> groups = new LinkedHashMap<>();
        for (ErrorCode code : request.errorCode().map(List::of).orElse(List.of(ErrorCode.values()))) {
            groups.put(code, group(dataset, code));
        }
        Instant deadline = Instant.now().plus(timeout);
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.DLQ_STANDARDIZER, timeout)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, timeout);
            // read_committed: the end is the last stable offset, past any transaction still open.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<String, Map<TopicPartition, Long>> groupOffsets = committed.of(groups.values(), partitions);

            // Where each code's progress is, and where reading starts: the earliest of them.
            Map<String, Map<TopicPartition, Long>> start = new HashMap<>();
            Map<TopicPartition, Long> from = new HashMap<>();
            for (String group : groups.values()) {
                Map<TopicPartition, Long> offsets = groupOffsets.getOrDefault(group, Map.of());
                Map<TopicPartition, Long> groupStart = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    long offset = Math.max(beginning.get(tp), offsets.getOrDefault(tp, 0L));
                    groupStart.put(tp, Math.min(offset, end.get(tp)));
                    from.merge(tp, groupStart.get(tp), Math::min);
                }
                start.put(group, groupStart);
            }

            int rawPartitions = consumer.partitionsFor(dataset.rawTopic(), timeout).size();
            Run run = new Run(request, groups, start, end, rawPartitions);
            partitions.forEach(tp -> consumer.seek(tp, from.get(tp)));
            Producer<byte[], byte[]> producer = request.dryRun() ? null : producers.apply(transactionalId(dataset));
            try {
                if (producer != null) {
                    producer.initTransactions();
                }
                Map<TopicPartition, Long> position = new HashMap<>(from);
                while (!reached(position, end)) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new RedriveFailedException("The re-drive of " + dataset.qualifiedId() + " did not reach the end of "
                                + Topics.DLQ_STANDARDIZER + " within " + timeout + " (" + run.redriven
                                + " re-driven and committed so far): run it again to continue", null);
                    }
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    Map<TopicPartition, Long> next = new HashMap<>();
                    for (TopicPartition tp : partitions) {
                        next.put(tp, Math.min(consumer.position(tp, timeout), end.get(tp)));
                    }
                    List<ProducerRecord<byte[], byte[]>> batch = run.select(records);
                    if (producer != null && !next.equals(position)) {
                        commit(producer, batch, groups.values(), start, next);
                    }
                    position = next;
                }
            } finally {
                if (producer != null) {
                    producer.close(Duration.ZERO);
                }
            }
            Map<Integer, Long> fromByPartition = new TreeMap<>();
            Map<Integer, Long> toByPartition = new TreeMap<>();
            partitions.forEach(tp -> {
                fromByPartition.put(tp.partition(), from.get(tp));
                toByPartition.put(tp.partition(), end.get(tp));
            });
            LOG.info("Re-drive of {} ({}){}: {} re-driven, {} skipped, DLQ offsets {} to {}", dataset.qualifiedId(),
                    request.errorCode().map(Enum::name).orElse("every code"), request.dryRun() ? " (dry run)" : "",
                    run.redriven, run.skipped, fromByPartition, toByPartition);
            return new RedriveResult(dataset.qualifiedId(), request.errorCode().map(Enum::name).orElse(null), request.dryRun(),
                    run.redriven, run.skipped, new TreeMap<>(fromByPartition), new TreeMap<>(toByPartition));
        } catch (RedriveConflictException | RedriveFailedException e) {
            throw e;
        } catch (KafkaException e) {
            throw new RedriveFailedException("The re-drive of " + dataset.qualifiedId() + " failed: " + e.getMessage()
                    + " (what was committed before stays done: run it again to continue)", e);
        }
    }

    /**
     * One transaction: the batch's records, and every progress group moved to where reading got
     * (never back: a group ahead of the others stays where it is).
     */
    private void commit(Producer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> batch,
                        Iterable<String> groups, Map<String, Map<TopicPartition, Long>> start,
                        Map<TopicPartition, Long> position) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : batch) {
                producer.send(record);
            }
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                position.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(Math.max(offset, start.get(group).get(tp)))));
                producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(group));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new RedriveConflictException("Another re-drive of the same dataset started and took over; this one "
                    + "stopped, and its last batch was not committed", e);
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private static boolean reached(Map<TopicPartition, Long> position, Map<TopicPartition, Long> end) {
        return position.entrySet().stream().allMatch(e -> e.getValue() >= end.get(e.getKey()));
    }

    /** The decisions of one re-drive, record by record. */
    private final class Run {

        private final RedriveRequest request;
        private final Map<ErrorCode, String> groups;
        private final Map<String, Map<TopicPartition, Long>> start;
        private final Map<TopicPartition, Long> end;
        private final int rawPartitions;
        long redriven;
        long skipped;

        Run(RedriveRequest request, Map<ErrorCode, String> groups, Map<String, Map<TopicPartition, Long>> start,
            Map<TopicPartition, Long> end, int rawPartitions) {
            this.request = request;
            this.groups = groups;
            this.start = start;
            this.end = end;
            this.rawPartitions = rawPartitions;
        }

        List<ProducerRecord<byte[], byte[]>> select(ConsumerRecords<byte[], byte[]> records) {
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(tp)) {
                    continue; // appended after the re-drive began: the next one's
                }
                Optional<ProducerRecord<byte[], byte[]>> raw = redrivable(record, tp);
                if (raw.isPresent()) {
                    batch.add(raw.get());
                    redriven++;
                } else {
                    skipped++;
                }
            }
            return batch;
        }

        private Optional<ProducerRecord<byte[], byte[]>> redrivable(ConsumerRecord<byte[], byte[]> record, TopicPartition tp) {
            String rawTopic = request.dataset().rawTopic();
            if (!rawTopic.equals(ExchangeHeaders.get(record.headers(), ExchangeHeaders.SOURCE_TOPIC))) {
                return Optional.empty();
            }
            ErrorCode code = errorCode(record.headers());
            String group = code == null ? null : groups.get(code);
            if (group == null || record.offset() < start.get(group).get(tp)) {
                return Optional.empty(); // another code, or re-driven before
            }
            Headers headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (!DLQ_HEADERS.contains(header.key())) {
                    headers.add(header);
                }
            }
            return Optional.of(new ProducerRecord<>(rawTopic, partition(record.headers()), null,
                    record.key(), record.value(), headers));
        }

        /** The raw partition the record came from, so it keeps its place among the key's records. */
        private Integer partition(Headers headers) {
            try {
                int partition = Integer.parseInt(ExchangeHeaders.get(headers, ExchangeHeaders.SOURCE_PARTITION));
                return partition >= 0 && partition < rawPartitions ? partition : null;
            } catch (NumberFormatException e) {
                return null; // no such header: the producer's partitioner places it by key
            }
        }
    }

    private static ErrorCode errorCode(Headers headers) {
        String code = ExchangeHeaders.get(headers, ExchangeHeaders.ERROR_CODE);
        try {
            return code == null ? null : ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
