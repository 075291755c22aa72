package civic.exchange.connectors.ingest.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import civic.exchange.localbus.quarkus.LocalBusTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The memory budget for bodies in flight over real HTTP: two requests whose bodies are still on
 * their way hold the whole budget (4 MiB each of 8 MiB, the %test settings), reserved from their
 * Content-Length before their bodies arrived; a third request is answered 503 with
 * {@code Retry-After} and a JSON reason, and succeeds once one of the two has been answered.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class MemoryBudgetIT {

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final String PATH = "/ingest/{department}/{dataset}";
    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^exchange_ingest_body_bytes_in_flight(?:\\{[^}]*})? (\\S+)$");

    @TestHTTPResource("/")
    URL server;

    @Test
    void aFullBudgetIsAnsweredServiceUnavailableWithRetryAfterUntilABodyInFlightIsDone() throws Exception {
        byte[] big = paddedBatch("lamp-budget-a", MAX_BODY_BYTES);
        assertThat(inFlight()).as("nothing in flight before").isZero();
        try (SlowRequest first = new SlowRequest(big); SlowRequest second = new SlowRequest(paddedBatch("lamp-budget-b", MAX_BODY_BYTES))) {
            first.sendPart(64 * 1024);
            second.sendPart(64 * 1024);
            await("both bodies reserved while in flight").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> inFlight() >= 2L * MAX_BODY_BYTES);

            given().contentType("application/json").body("{\"id\":\"lamp-budget-c\"}")
                    .post(PATH, "lighting", "streetlights").then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .contentType("application/json")
                    .body("error", equalTo("OVERLOADED"))
                    .body("message", containsString("retry later"))
                    .body("budgetBytes", equalTo(2 * MAX_BODY_BYTES));
            given().get("/q/metrics").then().body(containsString("exchange_ingest_overloaded_total"));

            first.sendRest();
            assertThat(first.statusLine()).contains(" 202 ");

            given().contentType("application/json").body("{\"id\":\"lamp-budget-c\"}")
                    .post(PATH, "lighting", "streetlights").then()
                    .statusCode(202).body("accepted", equalTo(1));
        }
        // the second was cut off: what it held is given back all the same
        await("the cut-off request's bytes released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> inFlight() == 0);
    }

    /** A JSON array of one record, padded with blanks to exactly {@code size} bytes. */
    private static byte[] paddedBatch(String id, int size) {
        byte[] head = ("[{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        System.arraycopy(head, 0, body, 0, head.length);
        body[size - 1] = ']';
        return body;
    }

    private static long inFlight() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = IN_FLIGHT.matcher(metrics);
        assertThat(m.find()).as("the in-flight gauge is exposed").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** A POST sent over a plain socket, its body in two parts, so that it can be held half-way. */
    private final class SlowRequest implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final byte[] body;
        private int sent;

        SlowRequest(byte[] body) throws IOException {
            this.body = body;
            this.socket = new Socket(server.getHost(), server.getPort());
            socket.setSoTimeout(30_000);
            this.out = socket.getOutputStream();
            out.write(("POST /ingest/lighting/streetlights HTTP/1.1\r\nHost: " + server.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        void sendPart(int bytes) throws IOException {
            out.write(body, sent, bytes);
            out.flush();
            sent += bytes;
        }

        void sendRest() throws IOException {
            sendPart(body.length - sent);
        }

        String statusLine() throws IOException {
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
