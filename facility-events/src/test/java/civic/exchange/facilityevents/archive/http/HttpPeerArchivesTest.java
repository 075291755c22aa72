package civic.exchange.facilityevents.archive.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import civic.exchange.facilityevents.archive.FacilityQuery;
import civic.exchange.facilityevents.archive.FacilityView;
import civic.exchange.facilityevents.archive.PeerArchives;
import civic.exchange.facilityevents.archive.PeerUnavailableException;
import civic.exchange.facilityevents.archive.TestFacilities;
import civic.exchange.schema.FacilityStatus;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asking other instances over real HTTP, against stub instances. */
class HttpPeerArchivesTest {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final FacilityView LAMP = FacilityView.of(TestFacilities.streetlight("SL-1", FacilityStatus.DEFECTIVE));

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch hung = new CountDownLatch(1);
    /** Patient enough for a loaded machine, where answers are expected. */
    private final HttpPeerArchives peers = new HttpPeerArchives(JSON, Duration.ofSeconds(10), Optional.of("archive-1:8083"));
    /** Where an instance is meant not to answer. */
    private final HttpPeerArchives impatient = new HttpPeerArchives(JSON, Duration.ofMillis(500), Optional.of("archive-1:8083"));

    @AfterEach
    void stop() {
        hung.countDown();
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void aLookupIsForwardedWithItsOriginAndTheOwnersAnswerKeptAsItIs() throws IOException {
        HostInfo owner = instance(exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "2");
            answer(exchange, 503, "{\"error\":\"STORE_UNAVAILABLE\"}");
        });

        PeerArchives.PeerAnswer answer = peers.lookup(owner, "id with/slash");

        assertThat(answer).isEqualTo(new PeerArchives.PeerAnswer(503, "{\"error\":\"STORE_UNAVAILABLE\"}", "2"));
        assertThat(requests).containsExactly("GET /facilities/id%20with%2Fslash forwarded-by=archive-1:8083");
    }

    @Test
    void aListingAsksEachInstanceForItsOwnPartitions() throws IOException {
        String body = JSON.writeValueAsString(List.of(LAMP));
        HostInfo first = instance(exchange -> answer(exchange, 200, body));
        HostInfo second = instance(exchange -> answer(exchange, 200, "[]"));

        List<List<FacilityView>> answers = peers.listLocal(List.of(first, second), FacilityQuery.parse("streetlight", "defective", "50"));

        assertThat(answers).containsExactly(List.of(LAMP), List.of());
        assertThat(requests).containsOnly(
                "GET /facilities?scope=local&limit=50&type=STREETLIGHT&status=DEFECTIVE forwarded-by=archive-1:8083");
    }

    @Test
    void anInstanceThatDoesNotAnswerInTimeIsNamed() throws IOException {
        HostInfo answering = instance(exchange -> answer(exchange, 200, "[]"));
        HostInfo silent = instance(exchange -> {
            try {
                hung.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> impatient.listLocal(List.of(answering, silent), FacilityQuery.all()))
                        .isInstanceOfSatisfying(PeerUnavailableException.class, e -> assertThat(e.instance()).isEqualTo(silent))
                        .hasMessage("Archive instance localhost:" + silent.port() + " did not answer the listing within 500 ms"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> impatient.lookup(silent, "x"))
                        .isInstanceOf(PeerUnavailableException.class)
                        .hasMessageContaining("did not answer the lookup of facility 'x' within 500 ms"));
    }

    @Test
    void anInstanceAnsweringAnErrorFailsTheListing() throws IOException {
        HostInfo failing = instance(exchange -> answer(exchange, 503, "{\"error\":\"STORE_UNAVAILABLE\"}"));

        assertThatThrownBy(() -> peers.listLocal(List.of(failing), FacilityQuery.all()))
                .isInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("answered the listing with 503: {\"error\":\"STORE_UNAVAILABLE\"}");
    }

    @Test
    void anInstanceNobodyListensAtIsNamed() throws IOException {
        HostInfo gone = instance(exchange -> answer(exchange, 200, "[]"));
        servers.remove(0).stop(0);

        assertThatThrownBy(() -> peers.listLocal(List.of(gone), FacilityQuery.all()))
                .isInstanceOfSatisfying(PeerUnavailableException.class, e -> assertThat(e.instance()).isEqualTo(gone))
                .hasMessageContaining("could not be asked for the listing (java.net.ConnectException");
    }

    private HostInfo instance(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                    + " forwarded-by=" + exchange.getRequestHeaders().getFirst(HttpPeerArchives.FORWARDED_BY));
            handler.handle(exchange);
        });
        server.start();
        servers.add(server);
        return new HostInfo("localhost", server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
