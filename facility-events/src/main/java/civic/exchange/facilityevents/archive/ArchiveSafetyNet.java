package civic.exchange.facilityevents.archive;

import civic.exchange.streams.failure.BackoffThreadReplacer;
import civic.exchange.streams.failure.StreamsHealth;
import civic.exchange.streams.failure.StreamsHealthListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The archive's share of the exchange-core safety net ({@code civic.exchange.streams.failure}): the
 * handlers and the commit interceptor are Kafka Streams settings in application.properties; here are
 * the parts Quarkus hands to its Kafka Streams instance as beans: the uncaught exception handler
 * that replaces a dead stream thread after a backoff, and the state listener that tells the
 * application's {@link StreamsHealth} which partitions it has when it runs again (and ends any
 * backoff when it shuts down).
 */
@ApplicationScoped
public class ArchiveSafetyNet {

    /** The health the handlers report to, by application id. */
    @Produces
    @Singleton
    StreamsHealth health(@ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        return StreamsHealth.of(applicationId);
    }

    @Produces
    @Singleton
    BackoffThreadReplacer replaceDeadThreads(@ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        return new BackoffThreadReplacer(applicationId);
    }

    /** Kafka Streams is made with this listener, so the listener reaches it lazily. */
    @Produces
    @Singleton
    KafkaStreams.StateListener stateListener(StreamsHealth health, BackoffThreadReplacer replaceDeadThreads,
            Instance<KafkaStreams> streams) {
        return new StreamsHealthListener(health, replaceDeadThreads, streams::get);
    }
}
