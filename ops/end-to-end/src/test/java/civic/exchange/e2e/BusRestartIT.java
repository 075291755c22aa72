package civic.exchange.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ops/bus up} right after a service was killed with SIGKILL starts it again: a dead process
 * whose pid file is left behind (and which may not yet be reaped) is not taken for a running one.
 * Runs the real command, on ports of its own, with the packaged build (BUS_BUILD=never).
 */
class BusRestartIT {

    private static final Path BUS = ServiceProcess.ROOT.resolve("ops/bus");
    private static final Path HOME = Path.of("target", "bus-restart").toAbsolutePath();
    private static final Map<String, String> ENV = new HashMap<>();
    private static int standardizerPort;

    @BeforeAll
    static void ports() throws IOException {
        standardizerPort = freePort();
        ENV.put("BUS_HOME", HOME.toString());
        ENV.put("BUS_BUILD", "never");
        ENV.put("KAFKA_PORT", String.valueOf(freePort()));
        ENV.put("REGISTRY_PORT", String.valueOf(freePort()));
        ENV.put("CONNECTORS_PORT", String.valueOf(freePort()));
        ENV.put("FACILITY_EVENTS_PORT", String.valueOf(freePort()));
        ENV.put("STANDARDIZER_PORT", String.valueOf(standardizerPort));
    }

    @AfterAll
    static void down() throws Exception {
        bus("down");
    }

    @Test
    void aServiceKilledWithSigkillIsStartedAgainByUp() throws Exception {
        Result first = bus("up");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("standardizer-streams healthy");
        Path pidFile = HOME.resolve("pids/standardizer-streams.pid");
        long killed = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(killed).orElseThrow();

        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        Result again = bus("up");

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("standardizer-streams healthy").doesNotContain("exited during start-up");
        long restarted = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(restarted).isNotEqualTo(killed);
        assertThat(again.output()).as("the others kept running").contains("department-connectors already running");
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + standardizerPort + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result bus(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", BUS.toString(), command)).redirectErrorStream(true);
        builder.environment().putAll(ENV);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ops/bus " + command + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
