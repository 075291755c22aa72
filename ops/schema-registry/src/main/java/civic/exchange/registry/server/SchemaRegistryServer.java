package civic.exchange.registry.server;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import civic.exchange.registry.server.LeaderElector.Leadership;

/**
 * A Confluent-compatible schema registry whose whole state lives in a compacted Kafka topic. Plain JDK HTTP server,
 * no framework: starting one costs a few Kafka clients and a handful of threads, so tests and the local bus embed it.
 *
 * <pre>
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(bootstrap, 0))) {
 *     String url = registry.url(); // hand to serializers as schema.registry.url
 * }
 * </pre>
 *
 * Several instances may share a topic: they elect one writer ({@link LeaderElector}); the others answer reads from
 * their own copy of the topic and forward writes to it.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SchemaRegistryServer.class.getName());
    /** Followers block a thread while the leader answers a forwarded write: a few more threads than cores. */
    private static final int HTTP_THREADS = 8;
    /** How long {@link #start} waits for the first election, so that a single instance accepts writes at once. */
    static final Duration ELECTION_WAIT = Duration.ofSeconds(30);

    private final KafkaStore store;
    private final LeaderElector elector;
    private final HttpServer http;
    private final ExecutorService executor;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(KafkaStore store, LeaderElector elector, HttpServer http, ExecutorService executor,
                                 String url) {
        this.store = store;
        this.elector = elector;
        this.http = http;
        this.executor = executor;
        this.url = url;
    }

    /**
     * Creates the schemas topic if missing, reads it to its current end, joins the leader election and starts
     * answering HTTP. Returns once a leader is known (normally within a second; at most {@link #ELECTION_WAIT}), so
     * ids registered before a restart are served identically and a registration is accepted as soon as this returns.
     */
    public static SchemaRegistryServer start(SchemaRegistryConfig config) throws Exception {
        RegistryState state = new RegistryState();
        KafkaStore store = new KafkaStore(config, state);
        ExecutorService executor = null;
        HttpServer http = null;
        LeaderElector elector = null;
        try {
            store.start();
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            int port = http.getAddress().getPort();
            String url = "http://" + urlHost(config.host()) + ":" + port;
            String advertised = config.advertisedUrl() != null ? config.advertisedUrl()
                    : "http://" + advertisedHost(config.host()) + ":" + port;
            elector = new LeaderElector(config, advertised, store);
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newFixedThreadPool(HTTP_THREADS, task -> {
                Thread thread = new Thread(task, "schema-registry-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(executor);
            http.createContext("/", new RestHandler(new SchemaRegistry(state, store), elector, store, new WriteForwarder()));
            http.start();
            elector.start();
            // An eligible instance waits for the election, which a lone instance wins; an ineligible one may be
            // started before any leader exists and serves reads meanwhile.
            Leadership leadership = elector.awaitLeader(config.leaderEligible() ? ELECTION_WAIT : Duration.ZERO);
            if (leadership == null && config.leaderEligible()) {
                LOG.log(Level.WARNING, "No schema registry leader elected within " + ELECTION_WAIT.toSeconds()
                        + " s: serving reads, writes wait for an election");
            }
            return new SchemaRegistryServer(store, elector, http, executor, url);
        } catch (Exception | Error e) {
            if (http != null) {
                http.stop(0);
            }
            if (elector != null) {
                elector.close();
            }
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

    /** The URL other instances forward writes to when this one leads. */
    public String advertisedUrl() {
        return elector.url();
    }

    /** Whether this instance is currently the elected writer. */
    public boolean isLeader() {
        Leadership leadership = elector.current();
        return leadership != null && leadership.self() && store.isLeader();
    }

    /** Stops answering HTTP, gives up leadership (another instance takes over at once) and closes the Kafka clients. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.stop(0);
            elector.close();
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
        return bracketed(host);
    }

    /**
     * What other instances use: a loopback bind is only reachable on this machine (127.0.0.1); a wildcard bind is
     * reachable through this machine's name, as Confluent's default {@code host.name}.
     */
    private static String advertisedHost(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isLoopbackAddress()) {
                return "127.0.0.1";
            }
            if (address.isAnyLocalAddress()) {
                return InetAddress.getLocalHost().getCanonicalHostName();
            }
        } catch (UnknownHostException e) {
            // fall through: advertise the configured name
        }
        return bracketed(host);
    }

    private static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
