package civic.exchange.standardizer.app;

import civic.exchange.streams.failure.StreamsHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the stream retries a failure of the infrastructure (registry, brokers), with
 * the reason: records wait meanwhile, they are not skipped.
 */
@Readiness
@ApplicationScoped
public class StreamsFailureReadiness implements HealthCheck {

    @ConfigProperty(name = "quarkus.kafka-streams.application-id")
    String applicationId;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("standardizer stream failures");
        return StreamsHealth.of(applicationId).current()
                .map(problem -> response.down()
                        .withData("reason", problem.reason())
                        .withData("since", problem.since().toString())
                        .withData("failures", problem.failures())
                        .build())
                .orElseGet(() -> response.up().build());
    }
}
