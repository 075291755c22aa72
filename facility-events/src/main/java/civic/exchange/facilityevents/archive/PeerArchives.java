package civic.exchange.facilityevents.archive;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** The archive's other instances, asked over their HTTP API. */
public interface PeerArchives {

    /**
     * The owner's answer to {@code GET /facilities/{id}}, as it gave it (found, 404, 503...).
     *
     * @throws PeerUnavailableException if the owner does not answer in time
     */
    PeerAnswer lookup(HostInfo owner, String id);

    /**
     * Each instance's own partitions for the query ({@code scope=local}), in the order of {@code instances},
     * asked at the same time.
     *
     * @throws PeerUnavailableException naming the first instance that did not answer in time or answered an error
     */
    List<List<FacilityView>> listLocal(List<HostInfo> instances, FacilityQuery query);

    /** An instance's HTTP answer, passed on to the client as it is. */
    record PeerAnswer(int status, String body, String retryAfter) {
    }
}
