package civic.exchange.facilityevents.archive;

import civic.exchange.streams.StreamsHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN while the archive is not keeping up with {@code canonical.facility} through no
 * fault of the records: a record held back by a registry or cluster outage (until a commit passes
 * it), or a stream thread being replaced. The answer says why. Kafka Streams' own state (starting,
 * rebalancing) is Quarkus' check beside this one.
 */
@Readiness
@ApplicationScoped
public class ArchiveProgressCheck implements HealthCheck {

    static final String NAME = "facility archive progress";

    private final StreamsHealth health;

    public ArchiveProgressCheck(StreamsHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        return health.problem()
                .map(problem -> response.down().withData("reason", problem.describe()).withData("since", problem.since().toString()))
                .orElseGet(response::up)
                .build();
    }
}
