package civic.exchange.facilityevents.archive;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Another instance holding part of the archive did not answer in time (or answered an error), so
 * the answer would be incomplete: the HTTP adapter says so with a 503 naming the instance rather
 * than answering with part of the archive.
 */
public class PeerUnavailableException extends RuntimeException {

    private final HostInfo instance;

    public PeerUnavailableException(HostInfo instance, String message, Throwable cause) {
        super(message, cause);
        this.instance = instance;
    }

    public HostInfo instance() {
        return instance;
    }
}
