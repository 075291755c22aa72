package civic.exchange.facilityevents.archive;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other instances holding partitions of the archive: a listing asks each of them for its own
 * partitions, so it covers the whole archive whichever instance is asked.
 */
@FunctionalInterface
public interface ArchiveInstances {

    /**
     * The other instances' HTTP endpoints ({@code application.server}); empty for a lone instance.
     *
     * @throws StoreUnavailableException while the instances are not known (starting or not running)
     */
    List<HostInfo> others();
}
