package civic.exchange.connectors.ingest;

import civic.exchange.connectors.batch.BatchLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code exchange.ingest.*}: limits and producer settings of the inbound connectors. */
@ConfigMapping(prefix = "exchange.ingest")
public interface IngestConfig {

    /** Largest body accepted, in bytes (default 16 MiB). */
    @WithDefault("16777216")
    long maxBodyBytes();

    /** Largest single record, in bytes as written to the raw topic (default 1 MiB). */
    @WithDefault("1048576")
    int maxRecordBytes();

    /** Most records in one batch, i.e. in one Kafka transaction. */
    @WithDefault("100000")
    int maxRecords();

    /**
     * Prefix of the transactional ids of the raw-topic producers, distinct per running instance;
     * unset, {@code department-connectors-ingest-<host>-<http port>} (see {@code TransactionalIds}).
     */
    Optional<String> transactionalIdPrefix();

    /** How many batches may be written at once (one transactional producer each). */
    @WithDefault("4")
    int producerPoolSize();

    /** How long a batch waits for a free producer before it is answered 503. */
    @WithDefault("PT30S")
    Duration producerAcquireTimeout();

    /**
     * Bytes of request bodies that may be in memory at once, across concurrent requests (default
     * 64 MiB: four bodies of the largest size). A body that does not fit is answered 503 with
     * {@code Retry-After}; at least {@code max-body-bytes}.
     */
    @WithDefault("67108864")
    long memoryBudgetBytes();

    /** What a request answered 503 for want of memory, or of an up-to-date idempotency store, is told to wait. */
    @WithDefault("PT5S")
    Duration retryAfter();

    /** Requests with an Idempotency-Key: answered once per key and department within a window. */
    Idempotency idempotency();

    interface Idempotency {

        /** Off, an Idempotency-Key only names the records (their ids follow from it); nothing is deduplicated. */
        @WithDefault("true")
        boolean enabled();

        /** How long a key's first answer is given again for it. */
        @WithDefault("PT24H")
        Duration window();

        /**
         * Keys remembered at most (about 1 KiB of heap each); beyond, the oldest are forgotten before
         * their window ends and a retry of one is written again.
         */
        @WithDefault("100000")
        int maxKeys();

        /** How long a request waits for the store to read what was committed before it arrived, before a 503. */
        @WithDefault("PT10S")
        Duration catchUpTimeout();

        /** How long a request waits for another with the same key, in this instance, before a 409. */
        @WithDefault("PT60S")
        Duration concurrentWait();
    }

    default BatchLimits limits() {
        return new BatchLimits(maxBodyBytes(), maxRecordBytes(), maxRecords());
    }
}
