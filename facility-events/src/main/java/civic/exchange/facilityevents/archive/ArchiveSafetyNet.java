package civic.exchange.facilityevents.archive;

import civic.exchange.streams.ReplaceThreadWithBackoff;
import civic.exchange.streams.StreamsHealth;
import civic.exchange.streams.StreamsHealthListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The archive's share of the exchange-core safety net ({@code civic.exchange.streams}): the handlers
 * themselves are Kafka Streams settings in application.properties; here are the parts Quarkus hands
 * to its Kafka Streams instance as beans: the uncaught exception handler that replaces a dead stream
 * thread after a backoff, and the state listener that tells the instance's {@link StreamsHealth}
 * when it runs again (and ends any backoff when it shuts down).
 */
@ApplicationScoped
public class ArchiveSafetyNet {

    /** This instance's health, found by the handlers under the same application id and server. */
    @Produces
    @Singleton
    StreamsHealth health(@ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
            @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
        return StreamsHealth.register(applicationId, applicationServer.filter(s -> !s.isBlank()).orElse(null));
    }

    @Produces
    @Singleton
    ReplaceThreadWithBackoff replaceDeadThreads(StreamsHealth health,
            @ConfigProperty(name = "facility-events.thread-backoff.initial", defaultValue = "1s") Duration initial,
            @ConfigProperty(name = "facility-events.thread-backoff.max", defaultValue = "60s") Duration max) {
        return new ReplaceThreadWithBackoff(health, initial, max);
    }

    /** Kafka Streams is made with this listener, so the listener reaches it lazily. */
    @Produces
    @Singleton
    KafkaStreams.StateListener stateListener(StreamsHealth health, ReplaceThreadWithBackoff replaceDeadThreads,
            Instance<KafkaStreams> streams) {
        return new StreamsHealthListener(health, replaceDeadThreads, streams::get);
    }
}
