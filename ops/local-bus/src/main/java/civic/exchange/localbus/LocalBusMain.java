package civic.exchange.localbus;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.provision.ProvisionSettings;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local bus as a process (what {@code ops/bus up} starts): a persistent KRaft broker, the
 * schema registry and the catalog's topics, until SIGTERM.
 *
 * <pre>java -jar ops/local-bus/target/local-bus-*.jar [--data-dir DIR] [--kafka-port 9092] [--registry-port 8081] [--catalog LOCATION]
 *     [--raw-retention 30d] [--dlq-retention 90d] [--canonical-compaction-lag 7d]</pre>
 *
 * <p>The topic settings default to the {@code exchange.provision.*} system properties or
 * {@code EXCHANGE_PROVISION_*} environment variables ({@link ProvisionSettings#fromSystem()}), else
 * to {@link ProvisionSettings#defaults()}; topics kept in the data directory are set to them at start.
 */
public final class LocalBusMain {

    private LocalBusMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(".bus/data");
        int kafkaPort = 9092;
        int registryPort = 8081;
        String catalog = "classpath:" + ExchangeCatalog.DEFAULT_RESOURCE;
        ProvisionSettings settings = ProvisionSettings.fromSystem();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(require(args[i], value));
                case "--kafka-port" -> kafkaPort = Integer.parseInt(require(args[i], value));
                case "--registry-port" -> registryPort = Integer.parseInt(require(args[i], value));
                case "--catalog" -> catalog = require(args[i], value);
                case "--raw-retention" -> settings = settings.withRawRetention(
                        ProvisionSettings.parseDuration(args[i], require(args[i], value)));
                case "--dlq-retention" -> settings = settings.withDlqRetention(
                        ProvisionSettings.parseDuration(args[i], require(args[i], value)));
                case "--canonical-compaction-lag" -> settings = settings.withCanonicalCompactionLag(
                        ProvisionSettings.parseDuration(args[i], require(args[i], value)));
                case "--help", "-h" -> {
                    System.out.println("usage: LocalBusMain [--data-dir DIR] [--kafka-port N] [--registry-port N] [--catalog LOCATION]"
                            + " [--raw-retention 30d] [--dlq-retention 90d] [--canonical-compaction-lag 7d]");
                    return;
                }
                default -> {
                    System.err.println("Unknown option " + args[i] + " (try --help)");
                    System.exit(2);
                }
            }
            i++;
        }
        long start = System.nanoTime();
        LocalBus bus = LocalBus.start(dataDir, kafkaPort, registryPort, ExchangeCatalog.load(catalog), settings);
        System.out.println("topics: " + settings.withReplicationFactor(1).summary());
        bus.provisionReport().lines().forEach(line -> System.out.println("topics: " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bus.close();
            stopped.countDown();
        }, "local-bus-shutdown"));
        System.out.printf("Local bus ready in %d ms: kafka=%s registry=%s data=%s%n",
                (System.nanoTime() - start) / 1_000_000, bus.bootstrapServers(), bus.schemaRegistryUrl(), bus.dataDir());
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println("Option " + option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
