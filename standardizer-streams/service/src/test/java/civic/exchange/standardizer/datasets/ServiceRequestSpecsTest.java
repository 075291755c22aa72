package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.topics.CanonicalEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The FIWARE NGSI-LD service request and Open311 GeoReport v2 requests through their specs. */
class ServiceRequestSpecsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFiwareServiceRequestKeepsTheRequestAndDropsItsImpossibleExpectedDate(TestInfo test) {
        try (StandardizerDriver driver = new StandardizerDriver(scope(test))) {
            driver.raw("hotline", "ngsi-service-requests").pipeInput(new TestRecord<>("sr-1",
                    SharedDatasets.bytes("fiware/fiware-service_requests-normalized-ngsild.json"),
                    ingestHeaders("hotline", "ngsi-service-requests", "sr-1")));

            TestRecord<String, ServiceRequest> out = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class).readRecord();
            ServiceRequest r = out.value();
            assertThat(out.key()).isEqualTo(CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "hotline", "ngsi-service-requests", "638344"));
            assertThat(r.getSource().getLocalId()).isEqualTo("638344");
            assertThat(r.getStatus()).isEqualTo(ServiceRequestStatus.CLOSED);
            assertThat(r.getStatusNotes()).isEqualTo("Duplicate request.");
            assertThat(r.getServiceCode()).isEqualTo("234");
            assertThat(r.getServiceName()).isEqualTo("Aceras");
            assertThat(r.getDescription()).isEqualTo("Acera en mal estado con bordillo partido en dos");
            assertThat(r.getAgencyResponsible()).isEqualTo("Ayuntamiento de Ciudad");
            assertThat(r.getRequestedAt()).isEqualTo(Instant.parse("2010-04-14T14:37:38Z"));
            assertThat(r.getUpdatedAt()).isEqualTo(Instant.parse("2010-04-14T14:37:38Z"));
            // "2010-04-15T06:37:38-08:00Z" has an offset and a Z: the spec drops it (invalid: drop) and it is counted.
            assertThat(r.getExpectedAt()).isNull();
            assertThat(driver.events).contains("dropped hotline/ngsi-service-requests expected_datetime INVALID_DATE");
            assertThat(r.getAddress()).isEqualTo("Calle San Juan Bautista, 2");
            assertThat(r.getLocation()).isEqualTo(new GeoPoint(40.62785133667262, -3.164485591715449));
            assertThat(r.getMediaUrl()).isEqualTo("http://exaple.org/media/638344.jpg");
            assertThat(r.getAttributes()).containsEntry("serviceAttributes",
                    "[{\"code\":\"ISSUE_TYPE\",\"values\":[{\"key\":1,\"name\":\"Bordillo\"}]}]");
            assertThat(r.getProvenance().getMappingSpec()).isEqualTo("hotline/ngsi-service-requests");
            assertThat(driver.dlq().isEmpty()).isTrue();
        }
    }

    @Test
    void anotherBadDateOfTheSameRequestStillRejectsIt(TestInfo test) {
        String text = new String(SharedDatasets.bytes("fiware/fiware-service_requests-normalized-ngsild.json"), StandardCharsets.UTF_8);
        byte[] badRequested = text.replace("\"2010-04-14T06:37:38-08:00\"\n", "\"yesterday\"\n").getBytes(StandardCharsets.UTF_8);
        try (StandardizerDriver driver = new StandardizerDriver(scope(test))) {
            driver.raw("hotline", "ngsi-service-requests").pipeInput(new TestRecord<>("sr-1", badRequested,
                    ingestHeaders("hotline", "ngsi-service-requests", "sr-1")));

            TestRecord<String, byte[]> rejected = driver.dlq().readRecord();
            assertThat(StandardizerDriver.errorCode(rejected)).isEqualTo("INVALID_DATE");
            assertThat(StandardizerDriver.header(rejected, civic.exchange.headers.ExchangeHeaders.ERROR_FIELD))
                    .isEqualTo("requested_datetime");
        }
    }

    /**
     * The GeoReport v2 documentation's requests.json example, one request per raw record as ingest
     * writes it. (The documentation writes service_code as 006, which is not JSON; the fixture
     * quotes it, as servers do.)
     */
    @Test
    void anOpen311FeedIsOnboardedByItsCatalogEntryAlone(TestInfo test) {
        List<byte[]> requests = open311Requests();
        try (StandardizerDriver driver = new StandardizerDriver(scope(test))) {
            for (int i = 0; i < requests.size(); i++) {
                driver.raw("hotline", "open311-requests").pipeInput(new TestRecord<>("o-" + i, requests.get(i),
                        ingestHeaders("hotline", "open311-requests", "o-" + i)));
            }

            List<ServiceRequest> out = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class).readValuesToList();
            assertThat(out).hasSize(2);
            ServiceRequest closed = out.get(0);
            assertThat(closed.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "hotline", "open311-requests", "638344"));
            assertThat(closed.getStatus()).isEqualTo(ServiceRequestStatus.CLOSED);
            assertThat(closed.getStatusNotes()).isEqualTo("Duplicate request.");
            assertThat(closed.getServiceName()).isEqualTo("Sidewalk and Curb Issues");
            assertThat(closed.getServiceCode()).isEqualTo("006");
            assertThat(closed.getDescription()).isNull();
            assertThat(closed.getAgencyResponsible()).isNull();
            assertThat(closed.getRequestedAt()).isEqualTo(Instant.parse("2010-04-14T14:37:38Z"));
            assertThat(closed.getExpectedAt()).isEqualTo(Instant.parse("2010-04-15T14:37:38Z"));
            assertThat(closed.getAddress()).isEqualTo("8TH AVE and JUDAH ST");
            assertThat(closed.getLocation()).isEqualTo(new GeoPoint(37.762221815, -122.4651145));
            assertThat(closed.getMediaUrl()).as("trimmed").isEqualTo("http://city.gov.s3.amazonaws.com/requests/media/638344.jpg");
            assertThat(closed.getAttributes()).containsEntry("addressId", "545483").containsEntry("zipCode", "94122");
            assertThat(closed.getProvenance().getMappingSpec()).isEqualTo("open311/georeport-v2");
            ServiceRequest open = out.get(1);
            assertThat(open.getSource().getLocalId()).isEqualTo("638349");
            assertThat(open.getStatus()).isEqualTo(ServiceRequestStatus.OPEN);
            assertThat(open.getStatusNotes()).isNull();
        }
    }

    /**
     * What real feeds do that the standard's example does not: nulls, an empty media_url, lat/long as
     * strings, a status of the server's own, a UTC date-time, a date-time that is not W3C, no id.
     */
    @Test
    void anUnevenFeedKeepsEveryRequestItCanAndRejectsTheRestWithReasons(TestInfo test) {
        List<byte[]> requests = open311Requests("/open311/uneven-feed-requests.json");
        try (StandardizerDriver driver = new StandardizerDriver(scope(test))) {
            for (int i = 0; i < requests.size(); i++) {
                driver.raw("hotline", "open311-requests").pipeInput(new TestRecord<>("u-" + i, requests.get(i),
                        ingestHeaders("hotline", "open311-requests", "u-" + i)));
            }

            List<ServiceRequest> out = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class).readValuesToList();
            assertThat(out).extracting(r -> r.getSource().getLocalId()).containsExactly("421871", "421872", "421873");
            ServiceRequest patched = out.get(0);
            assertThat(patched.getStatus()).isEqualTo(ServiceRequestStatus.CLOSED);
            assertThat(patched.getAgencyResponsible()).isEqualTo("Street Department");
            assertThat(patched.getUpdatedAt()).isEqualTo(Instant.parse("2024-03-04T20:02:11Z"));
            assertThat(patched.getExpectedAt()).as("null").isNull();
            assertThat(patched.getMediaUrl()).as("empty text").isNull();
            assertThat(patched.getAttributes()).containsEntry("zipCode", "47404").doesNotContainKey("addressId");
            ServiceRequest lightOut = out.get(1);
            assertThat(lightOut.getLocation()).as("lat/long as strings").isEqualTo(new GeoPoint(39.16621, -86.54167));
            assertThat(lightOut.getRequestedAt()).isEqualTo(Instant.parse("2024-03-02T02:40:02Z"));
            ServiceRequest graffiti = out.get(2);
            assertThat(graffiti.getStatus()).isEqualTo(ServiceRequestStatus.UNKNOWN);
            assertThat(graffiti.getRequestedAt()).isEqualTo(Instant.parse("2024-03-02T10:00:00Z"));
            assertThat(graffiti.getLocation()).as("lat and long both null").isNull();
            assertThat(graffiti.getAddress()).isNull();
            assertThat(driver.events).contains("unknown open311/georeport-v2 status acknowledged");

            List<TestRecord<String, byte[]>> rejected = driver.dlq().readRecordsToList();
            assertThat(rejected).extracting(StandardizerDriver::errorCode)
                    .containsExactly("INVALID_DATE", "MISSING_REQUIRED_FIELD");
            assertThat(rejected).extracting(r -> StandardizerDriver.header(r, ExchangeHeaders.ERROR_FIELD))
                    .containsExactly("requested_datetime", "service_request_id");
            assertThat(rejected.get(0).value()).as("the raw bytes, as they came").isEqualTo(requests.get(3));
        }
    }

    @Test
    void anotherCitysFeedNeedsOnlyItsOwnCatalogEntry(TestInfo test, @TempDir Path dir) throws IOException {
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                departments:
                  - id: san-francisco
                    name: San Francisco 311
                    publishes:
                      - id: requests
                        description: SF311 Open311 GeoReport v2 feed
                        format: json
                        entity: service-request
                        key: [service_request_id, token]
                        mapping: open311/georeport-v2
                    subscribes: []
                """);
        try (StandardizerDriver driver = new StandardizerDriver(ExchangeCatalog.load(catalog.toString()), scope(test))) {
            driver.raw("san-francisco", "requests").pipeInput(new TestRecord<>("o-1", open311Requests().get(1),
                    ingestHeaders("san-francisco", "requests", "o-1")));

            ServiceRequest r = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class).readValue();
            assertThat(r.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "san-francisco", "requests", "638349"));
            assertThat(r.getProvenance().getRawTopic()).isEqualTo("raw.san-francisco.requests");
            assertThat(r.getProvenance().getMappingSpec()).isEqualTo("open311/georeport-v2");
        }
    }

    static List<byte[]> open311Requests() {
        return open311Requests("/open311/georeport-v2-requests.json");
    }

    private static List<byte[]> open311Requests(String resource) {
        try (InputStream in = ServiceRequestSpecsTest.class.getResourceAsStream(resource)) {
            List<byte[]> requests = new ArrayList<>();
            for (JsonNode request : JSON.readTree(in)) {
                requests.add(JSON.writeValueAsBytes(request));
            }
            return requests;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String scope(TestInfo test) {
        return getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName();
    }
}
