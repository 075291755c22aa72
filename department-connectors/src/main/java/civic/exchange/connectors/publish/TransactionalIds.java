package civic.exchange.connectors.publish;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Transactional ids of the raw-topic producers. Two running instances must never share one (each
 * would fence the other's transactions), yet an instance restarted must get its own back (so the
 * broker fences what its previous self left open). Unless configured, the prefix is made of the host
 * name and the HTTP port: distinct between instances, stable across restarts.
 */
public final class TransactionalIds {

    static final String BASE = "department-connectors-ingest";

    private TransactionalIds() {
    }

    /** The configured prefix, else {@code department-connectors-ingest-<host>-<http port>}. */
    public static String prefix(Optional<String> configured, int httpPort) {
        return configured.filter(p -> !p.isBlank()).orElseGet(() -> defaultPrefix(hostName(), httpPort));
    }

    static String defaultPrefix(String host, int httpPort) {
        // transactional ids are free text, but a tidy one reads better in broker logs and ACLs
        return BASE + "-" + host.toLowerCase().replaceAll("[^a-z0-9.-]", "-") + "-" + httpPort;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
