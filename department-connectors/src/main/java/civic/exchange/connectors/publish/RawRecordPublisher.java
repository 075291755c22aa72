package civic.exchange.connectors.publish;

import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link RawBatch} in ONE Kafka transaction, so read-committed consumers (the
 * standardizer) see all of a batch or none of it, even when the broker fails half-way.
 *
 * <p>A CSV header row travels once per partition and batch, not on every row: see
 * {@link #toProducerRecords}. Records of other topics that must commit with the batch (HTTP
 * ingest's answered Idempotency-Keys) are {@link RawBatch#companions()}, sent last in the same
 * transaction.
 *
 * <p>A transactional producer runs one transaction at a time, so concurrent batches borrow from a
 * fixed pool of producers with stable transactional ids ({@code <prefix>-<slot>}). Stable ids let a
 * restarted instance fence its predecessor and settle any transaction it left open, instead of
 * read-committed consumers waiting for that transaction to time out.
 */
public class RawRecordPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RawRecordPublisher.class);

    /** Failures after which the producer cannot abort or go on: it is replaced, which settles its transaction. */
    private static final List<Class<? extends RuntimeException>> FATAL = List.of(ProducerFencedException.class,
            InvalidProducerEpochException.class, OutOfOrderSequenceException.class, AuthorizationException.class,
            UnsupportedVersionException.class, IllegalStateException.class);

    private final Function<String, Producer<byte[], byte[]>> producers;
    private final BlockingQueue<Slot> idle;
    private final List<Slot> slots = new ArrayList<>();
    private final Duration acquireTimeout;
    private volatile boolean closed;

    /**
     * @param producers      makes a transactional producer for a transactional id (not yet initialised)
     * @param transactionalIdPrefix  prefix of the producers' transactional ids; unique per running instance
     * @param poolSize       how many batches may be in flight at once
     * @param acquireTimeout how long a batch waits for a free producer before it is refused
     */
    public RawRecordPublisher(Function<String, Producer<byte[], byte[]>> producers, String transactionalIdPrefix,
                              int poolSize, Duration acquireTimeout) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("The producer pool needs at least one producer");
        }
        this.producers = producers;
        this.acquireTimeout = acquireTimeout;
        this.idle = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            Slot slot = new Slot(transactionalIdPrefix + "-" + i);
            slots.add(slot);
            idle.add(slot);
        }
    }

    /**
     * Writes the batch in one transaction and returns once it is committed.
     *
     * @throws PublishFailedException if the batch could not be committed; it was then aborted
     */
    public void publish(RawBatch batch) {
        Slot slot = acquire();
        try {
            slot.publish(batch);
        } finally {
            idle.add(slot);
        }
    }

    private Slot acquire() {
        if (closed) {
            throw new PublishFailedException("The publisher is shutting down", null, false);
        }
        try {
            Slot slot = idle.poll(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (slot == null) {
                throw new PublishFailedException("All " + slots.size() + " raw-topic producers stayed busy for "
                        + acquireTimeout.toSeconds() + " s; nothing was written", null, false);
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("Interrupted while waiting for a raw-topic producer; nothing was written", e, false);
        }
    }

    /**
     * The batch's records as they go on the bus, in order. Records that carry a CSV header row
     * inline ({@code exchange.csv-header}) carry only its id ({@code exchange.csv-header-id}) instead;
     * the header row itself goes once into every partition that receives such rows, as a CSV header
     * record just before the first of them. Partitions are then assigned here, as Kafka's default
     * partitioner assigns keyed records (murmur2 of the key bytes modulo the partition count), and
     * records without a key in turn over the partitions.
     *
     * @param partitions the raw topic's partition count; only read when a record carries a header row
     */
    static List<ProducerRecord<byte[], byte[]>> toProducerRecords(RawBatch batch, IntSupplier partitions) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(batch.records().size() + 1);
        // Header rows by identity: a parser hands every row of a batch the same array, so each
        // distinct header row is hashed once.
        Map<byte[], String> headerIds = new IdentityHashMap<>();
        // per header id, the partitions that already have its header record
        Map<String, boolean[]> headerSentTo = new HashMap<>();
        int count = -1;
        int nextUnkeyed = 0;
        for (RawRecord record : batch.records()) {
            byte[] headerRow = record.headers().get(ExchangeHeaders.CSV_HEADER_ROW);
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            if (headerRow == null) {
                out.add(new ProducerRecord<>(batch.topic(), null, key, record.value(), headers(batch, record, null)));
                continue;
            }
            if (count < 0) {
                count = partitions.getAsInt();
                if (count < 1) {
                    throw new UnknownTopicOrPartitionException("No partitions known for " + batch.topic());
                }
                nextUnkeyed = ThreadLocalRandom.current().nextInt(count);
            }
            int partition;
            if (key != null) {
                partition = BuiltInPartitioner.partitionForKey(key, count);
            } else {
                partition = nextUnkeyed;
                nextUnkeyed = (nextUnkeyed + 1) % count;
            }
            String headerId = headerIds.computeIfAbsent(headerRow, CsvHeaderRecords::id);
            boolean[] sentTo = headerSentTo.get(headerId);
            if (sentTo == null) {
                sentTo = new boolean[count];
                headerSentTo.put(headerId, sentTo);
            }
            if (!sentTo[partition]) {
                sentTo[partition] = true;
                out.add(headerRecord(batch, record, partition, headerRow, headerId));
            }
            out.add(new ProducerRecord<>(batch.topic(), partition, key, record.value(), headers(batch, record, headerId)));
        }
        for (CompanionRecord companion : batch.companions()) {
            out.add(new ProducerRecord<>(companion.topic(), null, companion.key(), companion.value()));
        }
        return out;
    }

    /** The bus headers of a record; with {@code headerId}, the CSV header row's id in place of the row itself. */
    private static Headers headers(RawBatch batch, RawRecord record, String headerId) {
        RecordHeaders headers = new RecordHeaders();
        // format headers first: ExchangeHeaders.put replaces any of them that takes a bus header's name
        record.headers().forEach((name, value) -> {
            if (headerId == null || !name.equals(ExchangeHeaders.CSV_HEADER_ROW)) {
                headers.add(name, value);
            }
        });
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, batch.dataset().department());
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, batch.dataset().id());
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_ID, record.recordId());
        ExchangeHeaders.put(headers, ExchangeHeaders.CORRELATION_ID, batch.correlationId());
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, batch.ingestedAt().toString());
        ExchangeHeaders.put(headers, ExchangeHeaders.CONTENT_TYPE, record.contentType());
        if (headerId != null) {
            ExchangeHeaders.put(headers, ExchangeHeaders.CSV_HEADER_ID, headerId);
        }
        return headers;
    }

    /** A CSV header record: the header row as value, no key, no record id (it is not one of the dataset's records). */
    private static ProducerRecord<byte[], byte[]> headerRecord(RawBatch batch, RawRecord firstRow, int partition,
                                                               byte[] headerRow, String headerId) {
        RecordHeaders headers = new RecordHeaders();
        ExchangeHeaders.put(headers, ExchangeHeaders.RECORD_KIND, ExchangeHeaders.RECORD_KIND_CSV_HEADER);
        ExchangeHeaders.put(headers, ExchangeHeaders.CSV_HEADER_ID, headerId);
        ExchangeHeaders.put(headers, ExchangeHeaders.DEPARTMENT, batch.dataset().department());
        ExchangeHeaders.put(headers, ExchangeHeaders.DATASET, batch.dataset().id());
        ExchangeHeaders.put(headers, ExchangeHeaders.CORRELATION_ID, batch.correlationId());
        ExchangeHeaders.put(headers, ExchangeHeaders.INGESTED_AT, batch.ingestedAt().toString());
        // the header row is in the rows' encoding
        ExchangeHeaders.put(headers, ExchangeHeaders.CONTENT_TYPE, firstRow.contentType());
        return new ProducerRecord<>(batch.topic(), partition, (byte[]) null, headerRow, headers);
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots) {
            slot.discard(Duration.ofSeconds(5));
        }
    }

    /** One transactional id and the producer currently holding it. Used by one thread at a time. */
    private final class Slot {
        private final String transactionalId;
        private Producer<byte[], byte[]> producer;

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }

        void publish(RawBatch batch) {
            Producer<byte[], byte[]> p = ready();
            boolean committing = false;
            try {
                p.beginTransaction();
                for (ProducerRecord<byte[], byte[]> record : toProducerRecords(batch, () -> p.partitionsFor(batch.topic()).size())) {
                    p.send(record);
                }
                committing = true;
                // flushes, and throws if any send of this transaction failed
                p.commitTransaction();
            } catch (TimeoutException e) {
                // timed out in the commit: the coordinator may or may not have committed
                throw failed(p, batch, e, committing);
            } catch (RuntimeException e) {
                throw failed(p, batch, e, false);
            }
        }

        /** Settles the failed transaction and says what became of the batch. */
        private PublishFailedException failed(Producer<byte[], byte[]> p, RawBatch batch, RuntimeException e, boolean unknown) {
            settleFailure(p, e, unknown);
            String outcome = unknown
                    ? "the commit was not confirmed in time: the batch is either wholly written or not at all"
                    : "the transaction was aborted and nothing of the batch is visible";
            LOG.warn("Batch of {} records for {} failed on {} ({}): {}", batch.records().size(), batch.topic(),
                    transactionalId, outcome, e.toString());
            return new PublishFailedException("The bus did not accept the batch for " + batch.topic() + ": "
                    + e.getMessage() + "; " + outcome, e, unknown);
        }

        /** Aborts when the producer can still do so; otherwise drops it so the next batch starts afresh. */
        private void settleFailure(Producer<byte[], byte[]> p, RuntimeException cause, boolean commitUnconfirmed) {
            if (commitUnconfirmed || isFatal(cause)) {
                // a new producer with the same transactional id fences this one and settles its transaction
                discard(Duration.ZERO);
                return;
            }
            try {
                p.abortTransaction();
            } catch (RuntimeException abortFailure) {
                LOG.warn("Abort on {} failed ({}); replacing the producer, which aborts the transaction", transactionalId,
                        abortFailure.toString());
                discard(Duration.ZERO);
            }
        }

        private Producer<byte[], byte[]> ready() {
            if (producer == null) {
                Producer<byte[], byte[]> created = producers.apply(transactionalId);
                try {
                    created.initTransactions();
                } catch (RuntimeException e) {
                    closeQuietly(created, Duration.ZERO);
                    throw new PublishFailedException("Cannot start a transactional producer (" + transactionalId
                            + "): " + e.getMessage() + "; nothing was written", e, false);
                }
                producer = created;
            }
            return producer;
        }

        void discard(Duration timeout) {
            Producer<byte[], byte[]> p = producer;
            producer = null;
            if (p != null) {
                closeQuietly(p, timeout);
            }
        }
    }

    private static boolean isFatal(RuntimeException e) {
        return FATAL.stream().anyMatch(type -> type.isInstance(e));
    }

    private static void closeQuietly(Producer<byte[], byte[]> producer, Duration timeout) {
        try {
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.debug("Closing a producer failed: {}", e.toString());
        }
    }
}
