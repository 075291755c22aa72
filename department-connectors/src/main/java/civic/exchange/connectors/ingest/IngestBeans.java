package civic.exchange.connectors.ingest;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.batch.MemoryBudget;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.ingest.idempotency.AnsweredRequests;
import civic.exchange.connectors.ingest.idempotency.IdempotencyStore;
import civic.exchange.connectors.ingest.idempotency.KafkaIdempotencyStore;
import civic.exchange.connectors.publish.RawProducerConfig;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.connectors.publish.TransactionalIds;
import io.micrometer.core.instrument.MeterRegistry;
import civic.exchange.topics.Topics;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the plain-Java {@link IngestHandler}, the one {@link RawRecordPublisher} it writes through,
 * its {@link MemoryBudget} and its {@link IdempotencyStore} into the application (limits, producer
 * and idempotency settings from {@code exchange.ingest.*}).
 */
@ApplicationScoped
public class IngestBeans {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBeans.class);

    @Produces
    @Singleton
    IngestHandler ingestHandler(ExchangeCatalog catalog, RecordBatchParsers parsers, RawRecordPublisher publisher,
                                IngestConfig config, MeterRegistry registry, MemoryBudget budget, IdempotencyStore idempotency,
                                @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize httpLimit) {
        if (httpLimit.asLongValue() <= config.maxBodyBytes()) {
            LOG.warn("quarkus.http.limits.max-body-size ({} bytes) is not above exchange.ingest.max-body-bytes ({} bytes):"
                    + " oversized bodies get the HTTP server's bare 413 instead of the JSON reason", httpLimit.asLongValue(),
                    config.maxBodyBytes());
        }
        IngestMetrics metrics = new IngestMetrics(registry);
        metrics.budget(budget);
        return new IngestHandler(catalog, parsers, publisher, config.limits(), metrics, Clock.systemUTC(), budget,
                config.retryAfter(), config.idempotency().enabled() ? idempotency : null, config.idempotency().concurrentWait());
    }

    @Produces
    @Singleton
    MemoryBudget memoryBudget(IngestConfig config) {
        if (config.memoryBudgetBytes() < config.maxBodyBytes()) {
            throw new IllegalStateException("exchange.ingest.memory-budget-bytes (" + config.memoryBudgetBytes()
                    + ") is below exchange.ingest.max-body-bytes (" + config.maxBodyBytes() + "): the largest body would never fit");
        }
        LOG.info("Request bodies in memory at once: at most {} bytes", config.memoryBudgetBytes());
        return new MemoryBudget(config.memoryBudgetBytes());
    }

    /** Started with the application, so that it has read the answered keys before the first request needs them. */
    @Produces
    @Singleton
    @Startup
    IdempotencyStore idempotencyStore(@Identifier("default-kafka-broker") Map<String, Object> kafka, IngestConfig config) {
        IngestConfig.Idempotency settings = config.idempotency();
        AnsweredRequests answers = new AnsweredRequests(settings.window(), settings.maxKeys(), Clock.systemUTC());
        if (!settings.enabled()) {
            LOG.info("Idempotency-Keys are not deduplicated (exchange.ingest.idempotency.enabled=false)");
            return IdempotencyStore.inMemory(answers);
        }
        return new KafkaIdempotencyStore(Topics.INGEST_IDEMPOTENCY, () -> new KafkaConsumer<>(readerConfig(kafka),
                new StringDeserializer(), new ByteArrayDeserializer()), Admin.create(adminConfig(kafka)), answers,
                settings.catchUpTimeout()).start();
    }

    void close(@Disposes IdempotencyStore store) {
        store.close();
    }

    /** The operator's {@code kafka.*} settings a consumer knows, for reading the whole topic without a group. */
    static Map<String, Object> readerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = known(kafka, ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "department-connectors-idempotency-reader");
        return config;
    }

    static Map<String, Object> adminConfig(Map<String, Object> kafka) {
        Map<String, Object> config = known(kafka, AdminClientConfig.configNames());
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    private static Map<String, Object> known(Map<String, Object> kafka, java.util.Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (names.contains(k) && v != null) {
                config.put(k, v);
            }
        });
        return config;
    }

    @Produces
    @Singleton
    RawRecordPublisher publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, IngestConfig config,
                                 @ConfigProperty(name = "quarkus.http.port", defaultValue = "8082") int httpPort) {
        String prefix = TransactionalIds.prefix(config.transactionalIdPrefix(), httpPort);
        LOG.info("Raw-topic producers use transactional ids {}-<n>", prefix);
        return new RawRecordPublisher(
                transactionalId -> new KafkaProducer<>(RawProducerConfig.of(kafka, transactionalId, config.maxRecordBytes())),
                prefix, config.producerPoolSize(), config.producerAcquireTimeout());
    }

    void close(@Disposes RawRecordPublisher publisher) {
        publisher.close();
    }
}
