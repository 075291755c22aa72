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

    default BatchLimits limits() {
        return new BatchLimits(maxBodyBytes(), maxRecordBytes(), maxRecords());
    }
}
