package civic.exchange.registry.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A Confluent-compatible schema registry whose whole state lives in a compacted Kafka topic. Plain JDK HTTP server,
 * no framework: starting one costs a few Kafka clients and a handful of threads, so tests and the local bus embed it.
 *
 * <pre>
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(bootstrap, 0))) {
 *     String url = registry.url(); // hand to serializers as schema.registry.url
 * }
 * </pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    /** Registration is serialized anyway and lookups are in memory: a few threads absorb any realistic load. */
    private static final int HTTP_THREADS = 4;

    private final KafkaStore store;
    private final HttpServer http;
    private final ExecutorService executor;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(KafkaStore store, HttpServer http, ExecutorService executor, String url) {
        this.store = store;
        this.http = http;
        this.executor = executor;
        this.url = url;
    }

    /**
     * Creates the schemas topic if missing, reads it to its current end, then starts answering HTTP. Ids registered
     * before a restart are therefore served identically as soon as this returns.
     */
    public static SchemaRegistryServer start(SchemaRegistryConfig config) throws Exception {
        RegistryState state = new RegistryState();
        KafkaStore store = new KafkaStore(config, state);
        ExecutorService executor = null;
        try {
            store.start();
            HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newFixedThreadPool(HTTP_THREADS, task -> {
                Thread thread = new Thread(task, "schema-registry-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(executor);
            http.createContext("/", new RestHandler(new SchemaRegistry(state, store)));
            http.start();
            int port = http.getAddress().getPort();
            return new SchemaRegistryServer(store, http, executor, "http://" + urlHost(config.host()) + ":" + port);
        } catch (Exception | Error e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            store.close();
            throw e;
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.stop(0);
            executor.shutdownNow();
            store.close();
        }
    }

    /** A wildcard or loopback bind is reached through 127.0.0.1; a specific address through itself. */
    private static String urlHost(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
                return "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            // fall through: report the configured name
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
