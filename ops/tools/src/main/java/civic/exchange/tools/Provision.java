package civic.exchange.tools;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionReport;
import civic.exchange.provision.ProvisionSettings;
import civic.exchange.provision.TopicProvisioner;
import civic.exchange.registry.CanonicalSchemas;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The provisioning step for any cluster (the local bus runs the same at start): creates the topics
 * the exchange catalog implies, sets the configs of existing ones back to the plan (never their
 * partitions or replicas), sets the canonical subjects to FULL_TRANSITIVE and registers the
 * canonical schemas, so services can run with schema auto-registration off. Idempotent: run it after
 * every catalog, schema or settings change; it prints what it created and changed.
 *
 * <pre>Provision [--bootstrap-servers localhost:9092] [--registry http://localhost:8081]
 *           [--replication-factor 1] [--catalog classpath:catalog/exchange-catalog.yaml]
 *           [--raw-retention 30d] [--dlq-retention 90d] [--canonical-compaction-lag 7d]</pre>
 *
 * <p>Topic settings not given as options come from the {@code exchange.provision.*} system
 * properties or {@code EXCHANGE_PROVISION_*} environment variables, else from
 * {@link ProvisionSettings#defaults()}.
 */
public final class Provision {

    private static final String REPLICATION_FACTOR = "--replication-factor";
    private static final String RAW_RETENTION = "--raw-retention";
    private static final String DLQ_RETENTION = "--dlq-retention";
    private static final String CANONICAL_COMPACTION_LAG = "--canonical-compaction-lag";

    private Provision() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("--bootstrap-servers", "localhost:9092");
        opts.put("--registry", "http://localhost:8081");
        opts.put("--catalog", "classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);
        for (String setting : new String[] {REPLICATION_FACTOR, RAW_RETENTION, DLQ_RETENTION, CANONICAL_COMPACTION_LAG}) {
            opts.put(setting, null);
        }
        if (args.length % 2 != 0) {
            System.err.println("Option " + args[args.length - 1] + " needs a value; options: " + opts.keySet());
            System.exit(2);
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!opts.containsKey(args[i])) {
                System.err.println("Unknown option " + args[i] + "; options: " + opts.keySet());
                System.exit(2);
            }
            opts.put(args[i], args[i + 1]);
        }
        ProvisionSettings settings;
        try {
            settings = settings(opts, ProvisionSettings.fromSystem());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ExchangeCatalog catalog = ExchangeCatalog.load(opts.get("--catalog"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, opts.get("--bootstrap-servers")))) {
            ProvisionReport report = new TopicProvisioner(admin, settings).provision(catalog);
            System.out.printf("topics: %d in the plan; %s%n", TopicProvisioner.plan(catalog, settings).size(), settings.summary());
            report.lines().forEach(line -> System.out.println("topics: " + line));
        }
        CanonicalSchemas.register(opts.get("--registry"), Duration.ofSeconds(60))
                .forEach((subject, id) -> System.out.printf("schema: %s -> id %d, compatibility %s%n", subject, id, CanonicalSchemas.COMPATIBILITY));
    }

    /** The settings the options give, over {@code base} (what system properties and the environment say). */
    static ProvisionSettings settings(Map<String, String> opts, ProvisionSettings base) {
        ProvisionSettings s = base;
        if (opts.get(REPLICATION_FACTOR) != null) {
            try {
                s = s.withReplicationFactor(Integer.parseInt(opts.get(REPLICATION_FACTOR)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(REPLICATION_FACTOR + ": not a number: '" + opts.get(REPLICATION_FACTOR) + "'");
            }
        }
        if (opts.get(RAW_RETENTION) != null) {
            s = s.withRawRetention(ProvisionSettings.parseDuration(RAW_RETENTION, opts.get(RAW_RETENTION)));
        }
        if (opts.get(DLQ_RETENTION) != null) {
            s = s.withDlqRetention(ProvisionSettings.parseDuration(DLQ_RETENTION, opts.get(DLQ_RETENTION)));
        }
        if (opts.get(CANONICAL_COMPACTION_LAG) != null) {
            s = s.withCanonicalCompactionLag(ProvisionSettings.parseDuration(CANONICAL_COMPACTION_LAG, opts.get(CANONICAL_COMPACTION_LAG)));
        }
        return s;
    }
}
