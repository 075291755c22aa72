package civic.exchange.tools;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.TopicProvisioner;
import civic.exchange.registry.CanonicalSchemas;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The provisioning step for any cluster (the local bus runs the same at start): creates the topics
 * the exchange catalog implies and registers the canonical schemas, so services can run with
 * schema auto-registration off. Idempotent: run it after every catalog or schema change.
 *
 * <pre>Provision [--bootstrap-servers localhost:9092] [--registry http://localhost:8081]
 *           [--replication-factor 1] [--catalog classpath:catalog/exchange-catalog.yaml]</pre>
 */
public final class Provision {

    private Provision() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = new HashMap<>(Map.of(
                "--bootstrap-servers", "localhost:9092", "--registry", "http://localhost:8081",
                "--replication-factor", "1", "--catalog", "classpath:" + ExchangeCatalog.DEFAULT_RESOURCE));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opts.containsKey(args[i])) {
                System.err.println("Unknown option " + args[i] + "; options: " + opts.keySet());
                System.exit(2);
            }
            opts.put(args[i], args[i + 1]);
        }
        ExchangeCatalog catalog = ExchangeCatalog.load(opts.get("--catalog"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, opts.get("--bootstrap-servers")))) {
            List<String> created = new TopicProvisioner(admin, Integer.parseInt(opts.get("--replication-factor"))).provision(catalog);
            System.out.printf("topics: %d in the plan, created %s%n",
                    TopicProvisioner.plan(catalog, (short) 1).size(), created.isEmpty() ? "none (all existed)" : created);
        }
        CanonicalSchemas.register(opts.get("--registry"), Duration.ofSeconds(60))
                .forEach((subject, id) -> System.out.printf("schema: %s -> id %d%n", subject, id));
    }
}
