package civic.exchange.facilityevents.archive;

import civic.exchange.streams.failure.StreamsHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN while the archive is not keeping up with {@code canonical.facility} through no
 * fault of the records: a record held back by a registry or broker outage, until a commit passes it
 * (the archive tracks its commits), or a stream thread that failed for another reason, for a quiet
 * period after. The answer says why.
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
        return health.current()
                .map(problem -> response.down()
                        .withData("reason", problem.reason())
                        .withData("since", problem.since().toString())
                        .withData("failures", problem.failures()))
                .orElseGet(response::up)
                .build();
    }
}
