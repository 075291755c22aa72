package civic.exchange.connectors.ingest;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.connectors.batch.RecordBatchParsers;
import civic.exchange.connectors.publish.RawProducerConfig;
import civic.exchange.connectors.publish.RawRecordPublisher;
import civic.exchange.connectors.publish.TransactionalIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the plain-Java {@link IngestHandler} and the one {@link RawRecordPublisher} it writes through
 * into the application (the publisher takes its limits and producer settings from {@code exchange.ingest.*}).
 */
@ApplicationScoped
public class IngestBeans {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBeans.class);

    @Produces
    @Singleton
    IngestHandler ingestHandler(ExchangeCatalog catalog, RecordBatchParsers parsers, RawRecordPublisher publisher,
                                IngestConfig config, MeterRegistry registry,
                                @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize httpLimit) {
        if (httpLimit.asLongValue() <= config.maxBodyBytes()) {
            LOG.warn("quarkus.http.limits.max-body-size ({} bytes) is not above exchange.ingest.max-body-bytes ({} bytes):"
                    + " oversized bodies get the HTTP server's bare 413 instead of the JSON reason", httpLimit.asLongValue(),
                    config.maxBodyBytes());
        }
        return new IngestHandler(catalog, parsers, publisher, config.limits(), new IngestMetrics(registry), Clock.systemUTC());
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
