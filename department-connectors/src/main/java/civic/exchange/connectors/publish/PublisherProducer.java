package civic.exchange.connectors.publish;

import civic.exchange.connectors.ingest.IngestConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Makes the one {@link RawRecordPublisher} of the application from the {@code kafka.*} settings. */
@ApplicationScoped
public class PublisherProducer {

    @Produces
    @Singleton
    RawRecordPublisher publisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, IngestConfig config) {
        return new RawRecordPublisher(
                transactionalId -> new KafkaProducer<>(RawProducerConfig.of(kafka, transactionalId, config.maxRecordBytes())),
                config.transactionalIdPrefix(), config.producerPoolSize(), config.producerAcquireTimeout());
    }

    void close(@Disposes RawRecordPublisher publisher) {
        publisher.close();
    }
}
