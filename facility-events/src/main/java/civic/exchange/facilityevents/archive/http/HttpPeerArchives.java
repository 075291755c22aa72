package civic.exchange.facilityevents.archive.http;

import civic.exchange.facilityevents.archive.FacilityQuery;
import civic.exchange.facilityevents.archive.FacilityView;
import civic.exchange.facilityevents.archive.ListingScope;
import civic.exchange.facilityevents.archive.PeerArchives;
import civic.exchange.facilityevents.archive.PeerUnavailableException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks the archive's other instances over their own HTTP API, each request bounded by
 * {@code facility-events.peer-timeout}. Requests carry {@value #FORWARDED_BY} (this instance's
 * endpoint), so an instance that receives a forwarded lookup answers it itself instead of
 * forwarding it again.
 */
@ApplicationScoped
public class HttpPeerArchives implements PeerArchives {

    /** Header naming the instance that forwarded a request. */
    public static final String FORWARDED_BY = "X-Exchange-Forwarded-By";
    private static final TypeReference<List<FacilityView>> LISTING = new TypeReference<>() {
    };

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;
    private final String self;

    public HttpPeerArchives(ObjectMapper json,
            @ConfigProperty(name = "facility-events.peer-timeout", defaultValue = "2s") Duration timeout,
            @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> self) {
        this.json = json;
        this.timeout = timeout;
        this.self = self.filter(s -> !s.isBlank()).orElse("unknown");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public PeerAnswer lookup(HostInfo owner, String id) {
        HttpRequest request = request(owner, "/facilities/" + encode(id));
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new PeerAnswer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (HttpTimeoutException e) {
            throw unavailable(owner, "did not answer the lookup of facility '" + id + "' within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw unavailable(owner, "could not be asked for facility '" + id + "' (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(owner, "was being asked when the request was interrupted", e);
        }
    }

    @Override
    public List<List<FacilityView>> listLocal(List<HostInfo> instances, FacilityQuery query) {
        String path = "/facilities?scope=" + ListingScope.LOCAL.name().toLowerCase(Locale.ROOT)
                + "&limit=" + query.limit()
                + (query.type() == null ? "" : "&type=" + query.type().name())
                + (query.status() == null ? "" : "&status=" + query.status().name());
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (HostInfo instance : instances) {
            pending.add(http.sendAsync(request(instance, path), HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<List<FacilityView>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < instances.size(); i++) {
                answers.add(listing(instances.get(i), pending.get(i), deadline));
            }
        } finally {
            pending.forEach(p -> p.cancel(true));
        }
        return answers;
    }

    private List<FacilityView> listing(HostInfo instance, CompletableFuture<HttpResponse<String>> pending, long deadline) {
        HttpResponse<String> response;
        try {
            response = pending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw unavailable(instance, "did not answer the listing within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw unavailable(instance, "did not answer the listing within " + timeout.toMillis() + " ms", e.getCause());
            }
            throw unavailable(instance, "could not be asked for the listing (" + e.getCause() + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(instance, "was being asked when the request was interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw unavailable(instance, "answered the listing with " + response.statusCode() + ": " + abbreviate(response.body()), null);
        }
        try {
            return json.readValue(response.body(), LISTING);
        } catch (IOException e) {
            throw unavailable(instance, "answered the listing with a body that is not a listing: " + abbreviate(response.body()), e);
        }
    }

    private HttpRequest request(HostInfo instance, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://" + instance.host() + ":" + instance.port() + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header(FORWARDED_BY, self)
                .GET()
                .build();
    }

    private static PeerUnavailableException unavailable(HostInfo instance, String what, Throwable cause) {
        return new PeerUnavailableException(instance, "Archive instance " + instance.host() + ":" + instance.port() + " " + what, cause);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() <= 200 ? body : body.substring(0, 197) + "...";
    }
}
