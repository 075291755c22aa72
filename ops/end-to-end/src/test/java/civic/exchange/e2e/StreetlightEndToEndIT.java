package civic.exchange.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation's promise, end to end over real HTTP and a real broker: a department posts FIWARE
 * streetlights to the HTTP connector, the standardizer maps them to canonical facilities, and a
 * subscriber reads them from facility-events; the bad streetlight of the same batch lands on the
 * DLQ with its reason while the valid ones still arrive.
 */
class StreetlightEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DEMO = ServiceProcess.ROOT.resolve("ops/demo");
    private static final String LOCAL_ID = "streetlight:guadalajara:4567";
    private static final String FACILITY_ID = CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", LOCAL_ID);

    private static TopicReader topics;
    private static ServiceProcess connectors;
    private static ServiceProcess facilityEvents;

    @BeforeAll
    static void startBusAndServices() {
        RunningServices services = RunningServices.shared();
        topics = new TopicReader(services.bus.bootstrapServers());
        connectors = services.connectors;
        facilityEvents = services.facilityEvents;
    }

    @Test
    void streetlightsFlowFromHttpIngestToTheFacilityArchiveAndTheBadOneToTheDlq() throws Exception {
        String batch = "[" + read("fiware-Streetlight-normalized-ngsild.json") + ","
                + read("fiware-Streetlight-keyvalues.json") + ","
                + read("streetlight-bad-latitude.json") + "]";
        HttpResponse<String> accepted = post(connectors.url("/ingest/lighting/streetlights"), batch);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).get("accepted").asInt()).isEqualTo(3);

        JsonNode facility = await("facility served by facility-events").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> getJson(facilityEvents.url("/facilities/" + FACILITY_ID)), Optional::isPresent)
                .orElseThrow();
        assertThat(facility.get("id").asText()).isEqualTo(FACILITY_ID);
        assertThat(facility.get("type").asText()).isEqualTo("STREETLIGHT");
        assertThat(facility.get("status").asText()).isEqualTo("IN_SERVICE");
        assertThat(facility.at("/location/latitude").asDouble()).isCloseTo(40.62785133667262, within(1e-9));
        assertThat(facility.at("/location/longitude").asDouble()).isCloseTo(-3.164485591715449, within(1e-9));
        assertThat(facility.at("/source/localId").asText()).isEqualTo(LOCAL_ID);

        JsonNode provenance = facility.get("provenance");
        assertThat(provenance.get("department").asText()).isEqualTo("lighting");
        assertThat(provenance.get("dataset").asText()).isEqualTo("streetlights");
        assertThat(provenance.get("rawTopic").asText()).isEqualTo("raw.lighting.streetlights");
        assertThat(provenance.get("mappingSpec").asText()).isEqualTo("lighting/streetlights");
        // Provenance points at the very raw record the facility came from.
        ConsumerRecord<String, byte[]> raw = topics.readAt(provenance.get("rawTopic").asText(),
                provenance.get("rawPartition").asInt(), provenance.get("rawOffset").asLong());
        assertThat(JSON.readTree(raw.value()).get("id").asText()).endsWith(LOCAL_ID);
        assertThat(ExchangeHeaders.get(raw.headers(), ExchangeHeaders.RECORD_ID)).isEqualTo(provenance.get("recordId").asText());

        JsonNode listed = getJson(facilityEvents.url("/facilities?type=STREETLIGHT&status=IN_SERVICE")).orElseThrow();
        assertThat(listed.findValuesAsText("id")).contains(FACILITY_ID);

        ConsumerRecord<String, byte[]> rejected = await("bad streetlight on the DLQ").atMost(Duration.ofSeconds(60))
                .until(() -> topics.readAll(Topics.DLQ_STANDARDIZER).stream()
                        .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("guadalajara:9999"))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.ERROR_CODE)).isEqualTo("OUT_OF_RANGE");
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.ERROR_STAGE)).isEqualTo(Topics.STAGE_STANDARDIZER);
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.ERROR_MESSAGE)).isNotBlank();
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.SOURCE_TOPIC)).isEqualTo("raw.lighting.streetlights");
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(ExchangeHeaders.get(rejected.headers(), ExchangeHeaders.DEPARTMENT)).isEqualTo("lighting");
        assertThat(getJson(facilityEvents.url("/facilities/"
                + CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", "streetlight:guadalajara:9999")))).isEmpty();
    }

    @Test
    void unknownDepartmentIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> response = post(connectors.url("/ingest/no-such-department/streetlights"), read("fiware-Streetlight-keyvalues.json"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("no-such-department");
    }

    private static String read(String file) throws Exception {
        return Files.readString(DEMO.resolve(file));
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<JsonNode> getJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }
}
