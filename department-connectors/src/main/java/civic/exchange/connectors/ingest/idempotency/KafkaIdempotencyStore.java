package civic.exchange.connectors.ingest.idempotency;

import civic.exchange.connectors.publish.CompanionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answered Idempotency-Keys kept in a compacted topic ({@code ingest.idempotency}): key
 * {@code department/Idempotency-Key}, value the {@link AnsweredRequest} as JSON. A key's record is
 * written in the same transaction as the batch it answered, so the key is answered exactly when
 * the batch is on the bus.
 *
 * <p>Every instance reads the whole topic ({@code read_committed}, from its beginning, no consumer
 * group) on a thread of its own into {@link AnsweredRequests}, so keys survive restarts and are
 * shared between instances. Before a request is looked up the store catches up: it takes the
 * topic's last stable offsets when the request arrives and waits (at most
 * {@code catchUpTimeout}) until its reader has passed them, so any answer committed before the
 * request arrived, by any instance, is found.
 *
 * <p>What it cannot see is a transaction still open when the request arrives: two instances that
 * receive the same new key at the same moment both find it unanswered and both write the batch
 * (the record ids repeat, as they follow from the key). Within one instance {@link KeyLocks}
 * serialises such requests; across instances, route a department's retries to one instance, or
 * let readers drop duplicate record ids.
 */
public final class KafkaIdempotencyStore implements IdempotencyStore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIdempotencyStore.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY_TOPIC = Duration.ofSeconds(2);

    private final String topic;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Admin admin;
    private final AnsweredRequests answers;
    private final Duration catchUpTimeout;
    private final Object progress = new Object();
    private final Thread reader;
    /** Next offset to read per partition, as far as the reader got; empty until it found the topic. */
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> consumer;

    /**
     * @param consumers      makes the reader's consumer: {@code read_committed}, no group, no auto-commit
     * @param admin          for the topic's last stable offsets
     * @param catchUpTimeout how long a request may wait for the reader to catch up before it is answered 503
     */
    public KafkaIdempotencyStore(String topic, Supplier<Consumer<String, byte[]>> consumers, Admin admin,
                                 AnsweredRequests answers, Duration catchUpTimeout) {
        this.topic = topic;
        this.consumers = consumers;
        this.admin = admin;
        this.answers = answers;
        this.catchUpTimeout = catchUpTimeout;
        this.reader = new Thread(this::read, "ingest-idempotency-reader");
        this.reader.setDaemon(true);
    }

    /** Starts reading the topic; returns at once. */
    public KafkaIdempotencyStore start() {
        reader.start();
        return this;
    }

    @Override
    public Optional<AnsweredRequest> answered(String scope) {
        catchUp();
        return answers.get(scope);
    }

    @Override
    public CompanionRecord record(String scope, AnsweredRequest answer) {
        return new CompanionRecord(topic, scope.getBytes(StandardCharsets.UTF_8), answer.toJson());
    }

    @Override
    public void committed(String scope, AnsweredRequest answer) {
        answers.put(scope, answer);
    }

    /** Waits until the reader has read everything committed on the topic before this call. */
    void catchUp() {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        Map<TopicPartition, Long> known = awaitPartitions(deadline);
        Map<TopicPartition, Long> targets = lastStableOffsets(known.keySet(), deadline);
        synchronized (progress) {
            while (!reached(targets)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IdempotencyUnavailableException("The store of answered Idempotency-Keys did not catch up with "
                            + topic + " within " + catchUpTimeout.toMillis() + " ms (read up to " + positions
                            + ", committed up to " + targets + "); nothing was written: retry later", null);
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IdempotencyUnavailableException("Interrupted while the store of answered Idempotency-Keys caught up", e);
                }
            }
        }
    }

    private Map<TopicPartition, Long> awaitPartitions(long deadline) {
        synchronized (progress) {
            while (positions.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IdempotencyUnavailableException("The topic of answered Idempotency-Keys, " + topic
                            + ", was not found or not read within " + catchUpTimeout.toMillis()
                            + " ms (is it provisioned?); nothing was written: retry later", null);
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IdempotencyUnavailableException("Interrupted while the store of answered Idempotency-Keys started", e);
                }
            }
            return positions;
        }
    }

    private Map<TopicPartition, Long> lastStableOffsets(Iterable<TopicPartition> partitions, long deadline) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdempotencyUnavailableException("Interrupted while asking for the end of " + topic, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IdempotencyUnavailableException("Cannot find the end of " + topic + " (" + e
                    + "); nothing was written: retry later", e);
        }
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        Map<TopicPartition, Long> now = positions;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            Long position = now.get(target.getKey());
            if (position == null || position < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The reader thread: finds the topic, then reads it for as long as the store is open. */
    private void read() {
        try (Consumer<String, byte[]> c = consumers.get()) {
            consumer = c;
            List<TopicPartition> partitions = List.of();
            while (running) {
                try {
                    if (partitions.isEmpty()) {
                        partitions = assign(c);
                        if (partitions.isEmpty()) {
                            sleep(RETRY_TOPIC);
                            continue;
                        }
                    }
                    for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                        apply(record);
                    }
                    Map<TopicPartition, Long> now = new HashMap<>();
                    for (TopicPartition tp : partitions) {
                        now.put(tp, c.position(tp));
                    }
                    synchronized (progress) {
                        positions = Map.copyOf(now);
                        progress.notifyAll();
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.warn("Reading {} failed ({}); retrying", topic, e.toString());
                        sleep(RETRY_TOPIC);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("The reader of {} stopped: Idempotency-Keys cannot be looked up", topic, e);
        }
    }

    private List<TopicPartition> assign(Consumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, RETRY_TOPIC);
        if (infos == null || infos.isEmpty()) {
            LOG.warn("Topic {} not found: requests with an Idempotency-Key are answered 503 until it is provisioned", topic);
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        c.assign(partitions);
        c.seekToBeginning(partitions);
        LOG.info("Reading answered Idempotency-Keys from {} ({} partitions, window {})", topic, partitions.size(), answers.window());
        return partitions;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            answers.remove(record.key());
            return;
        }
        try {
            answers.put(record.key(), AnsweredRequest.fromJson(record.value()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            reader.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
