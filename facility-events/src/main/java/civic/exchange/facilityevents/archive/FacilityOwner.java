package civic.exchange.facilityevents.archive;

import org.apache.kafka.streams.state.HostInfo;

/** Which instance holds a facility's partition of the archive store. */
public sealed interface FacilityOwner {

    FacilityOwner LOCAL = new Local();

    /** This instance: query its own store. */
    record Local() implements FacilityOwner {
    }

    /** Another instance, reachable at its {@code application.server} endpoint (its HTTP host and port). */
    record Remote(HostInfo host) implements FacilityOwner {
    }
}
