package civic.exchange.tools;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.TopicProvisioner;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Prints, comma-separated, the topics provisioning creates for a catalog: what {@code ops/bus}
 * gives the standardizer to wait for ({@code quarkus.kafka-streams.topics}) when it runs with a
 * catalog of one's own.
 *
 * <pre>CatalogTopics [--catalog LOCATION]</pre>
 */
public final class CatalogTopics {

    private CatalogTopics() {
    }

    public static void main(String[] args) {
        String location = "classpath:" + ExchangeCatalog.DEFAULT_RESOURCE;
        if (args.length == 2 && args[0].equals("--catalog")) {
            location = args[1];
        } else if (args.length != 0) {
            System.err.println("usage: CatalogTopics [--catalog LOCATION]");
            System.exit(2);
        }
        System.out.println(topics(location));
    }

    /** The catalog's topics, comma-separated, in provisioning order. */
    static String topics(String catalogLocation) {
        return TopicProvisioner.plan(ExchangeCatalog.load(catalogLocation), (short) 1).stream()
                .map(NewTopic::name).collect(Collectors.joining(","));
    }
}
