package civic.exchange.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.schema.Facility;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against a stub registry answering Confluent-shaped bodies. */
class HttpSchemaRegistryClientTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicReference<HttpServer> server = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (server.get() != null) {
            server.get().stop(0);
        }
    }

    @Test
    void speaksConfluentRestPathsAndContentType() throws Exception {
        int port = startStub(0);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://localhost:" + port + "/", Duration.ofSeconds(5));
        assertThat(client.register("canonical.facility-value", Facility.getClassSchema())).isEqualTo(7);
        assertThat(client.lookup("canonical.facility-value", Facility.getClassSchema())).isEqualTo(7);
        assertThat(client.schemaById(7)).isEqualTo(Facility.getClassSchema());
        RegisteredSchema latest = client.latest("canonical.facility-value");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.schema()).isEqualTo(Facility.getClassSchema());
        assertThat(requests).containsExactly(
                "POST /subjects/canonical.facility-value/versions application/vnd.schemaregistry.v1+json",
                "POST /subjects/canonical.facility-value application/vnd.schemaregistry.v1+json",
                "GET /schemas/ids/7 null",
                "GET /subjects/canonical.facility-value/versions/latest null");
    }

    @Test
    void setsAndReadsASubjectsCompatibilityLevelThroughConfig() throws Exception {
        int port = startStub(0);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofSeconds(5));
        client.setCompatibility("canonical.facility-value", "FULL_TRANSITIVE");
        assertThat(client.compatibility("canonical.facility-value")).contains("FULL_TRANSITIVE");
        // a subject without a level of its own: Confluent answers 404 (40408), the global level applies
        assertThat(client.compatibility("canonical.observation-value")).isEmpty();
        assertThat(requests).containsExactly(
                "PUT /config/canonical.facility-value application/vnd.schemaregistry.v1+json",
                "GET /config/canonical.facility-value null",
                "GET /config/canonical.observation-value null");
        assertThat(bodies.get(0)).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
    }

    @Test
    void confluentErrorBodiesBecomeTypedExceptions() throws Exception {
        int port = startStub(0);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.schemaById(404))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessageContaining("Schema 404 not found");
    }

    @Test
    void retriesWithBackoffUntilTheRegistryComesUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int freePort = port;
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        later.schedule(() -> {
            try {
                startStub(freePort);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, 700, TimeUnit.MILLISECONDS);
        try {
            HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofSeconds(20));
            assertThat(client.schemaById(7)).isEqualTo(Facility.getClassSchema());
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void givesUpWithAClearErrorWhenTheRetryBudgetIsSpent() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofMillis(700));
        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("unreachable after")
                .hasMessageContaining("localhost:" + port);
    }

    @Test
    void notFoundIsAnAnswerNotAnOutage() throws Exception {
        int port = startStub(0);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.schemaById(404))
                .isExactlyInstanceOf(SchemaRegistryException.class);
        assertThat(requests).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedThenReportedAsUnavailable() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        int port = startFlakyStub(failuresLeft);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofSeconds(20));
        assertThat(client.schemaById(7)).isEqualTo(Facility.getClassSchema());
        assertThat(requests).hasSize(3);

        failuresLeft.set(Integer.MAX_VALUE);
        HttpSchemaRegistryClient impatient = new HttpSchemaRegistryClient("http://localhost:" + port, Duration.ofMillis(500));
        assertThatThrownBy(() -> impatient.schemaById(7))
                .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.errorCode()).isEqualTo(50302);
                })
                .hasMessageContaining("answered 503")
                .hasMessageContaining("Leader not known");
    }

    /** Answers 503 while {@code failuresLeft} is positive, then schema 7. */
    private int startFlakyStub(AtomicInteger failuresLeft) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        String schemaJson = Facility.getClassSchema().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        http.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            boolean fail = failuresLeft.getAndDecrement() > 0;
            byte[] bytes = (fail ? "{\"error_code\":50302,\"message\":\"Leader not known\"}" : "{\"schema\":\"" + schemaJson + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        server.set(http);
        return http.getAddress().getPort();
    }

    private int startStub(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        String schemaJson = Facility.getClassSchema().toString().replace("\\", "\\\\").replace("\"", "\\\"");
        Map<String, String> answers = Map.of(
                "POST /subjects/canonical.facility-value/versions", "{\"id\":7}",
                "POST /subjects/canonical.facility-value", "{\"subject\":\"canonical.facility-value\",\"version\":2,\"id\":7,\"schema\":\"" + schemaJson + "\"}",
                "GET /schemas/ids/7", "{\"schema\":\"" + schemaJson + "\"}",
                "GET /subjects/canonical.facility-value/versions/latest", "{\"subject\":\"canonical.facility-value\",\"version\":2,\"id\":7,\"schema\":\"" + schemaJson + "\"}",
                "PUT /config/canonical.facility-value", "{\"compatibility\":\"FULL_TRANSITIVE\"}",
                "GET /config/canonical.facility-value", "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        http.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requests.add(key + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = answers.getOrDefault(key, "{\"error_code\":40403,\"message\":\"Schema 404 not found\"}");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(answers.containsKey(key) ? 200 : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        server.set(http);
        return http.getAddress().getPort();
    }
}
