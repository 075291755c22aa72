package civic.exchange.registry.server;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry as a process until SIGTERM/SIGINT.
 * Options (each falls back to an environment variable, then to a default):
 * <pre>
 * --bootstrap-servers  SCHEMA_REGISTRY_BOOTSTRAP_SERVERS  localhost:9092
 * --port               SCHEMA_REGISTRY_PORT               8081
 * --host               SCHEMA_REGISTRY_HOST               0.0.0.0
 * --topic              SCHEMA_REGISTRY_TOPIC              _schemas
 * --advertised-url     SCHEMA_REGISTRY_ADVERTISED_URL     http://&lt;host name&gt;:&lt;port&gt; (what other instances forward writes to)
 * --leader-eligible    SCHEMA_REGISTRY_LEADER_ELIGIBLE    true
 * --group-id           SCHEMA_REGISTRY_GROUP_ID           schema-registry-&lt;topic&gt;
 * </pre>
 * Unlike {@link SchemaRegistryConfig#of}, the process binds all interfaces by default: it is what a deployment runs.
 */
public final class SchemaRegistryMain {

    private static final Set<String> OPTIONS = Set.of("bootstrap-servers", "port", "host", "topic", "advertised-url",
            "leader-eligible", "group-id");

    private SchemaRegistryMain() {
    }

    public static void main(String[] args) throws Exception {
        SchemaRegistryConfig config;
        try {
            Map<String, String> options = parse(args);
            config = new SchemaRegistryConfig(
                    option(options, "bootstrap-servers", "localhost:9092"),
                    option(options, "host", "0.0.0.0"),
                    Integer.parseInt(option(options, "port", "8081")),
                    option(options, "topic", SchemaRegistryConfig.DEFAULT_TOPIC),
                    Map.of(),
                    option(options, "advertised-url", null),
                    bool(option(options, "leader-eligible", "true")),
                    option(options, "group-id", null));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            System.err.println(e.getMessage());
            System.err.println("usage: SchemaRegistryMain [--bootstrap-servers HOST:PORT] [--port N] [--host ADDRESS] "
                    + "[--topic NAME] [--advertised-url URL] [--leader-eligible true|false] [--group-id NAME]");
            System.exit(2);
            return;
        }
        SchemaRegistryServer server = SchemaRegistryServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "schema-registry-shutdown"));
        // One line on stdout, URL last: scripts and the local bus read the address from it.
        System.out.println("Schema registry listening on " + server.url());
        stopped.await();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for --" + name);
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option: --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    private static String option(Map<String, String> options, String name, String fallback) {
        String value = options.get(name);
        if (value == null) {
            value = System.getenv("SCHEMA_REGISTRY_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
