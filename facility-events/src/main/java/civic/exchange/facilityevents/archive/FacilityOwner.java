package civic.exchange.facilityevents.archive;

import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Which instance holds a facility's partition of the archive store. */
public sealed interface FacilityOwner {

    FacilityOwner LOCAL = new Local();

    /** The other instance's endpoint, or empty when this instance holds the partition. */
    Optional<HostInfo> remoteHost();

    /** This instance: query its own store. */
    record Local() implements FacilityOwner {
        @Override
        public Optional<HostInfo> remoteHost() {
            return Optional.empty();
        }
    }

    /** Another instance, reachable at its {@code application.server} endpoint (its HTTP host and port). */
    record Remote(HostInfo host) implements FacilityOwner {
        @Override
        public Optional<HostInfo> remoteHost() {
            return Optional.of(host);
        }
    }
}
