package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.csvHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.topics.CanonicalEntity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** hotline/myla311: the real MyLA311 export, row by row as ingest sends it, through the topology. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LosAngeles311SpecTest {

    private static final CsvFile FILE = CsvFile.of("losangeles-myla311-service-requests.csv");

    private StandardizerDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, ServiceRequest> canonical;
    /** Every row of the file, standardized once for the class: by local id. */
    private Map<String, TestRecord<String, ServiceRequest>> all;
    private List<String> eventsOfTheFile;

    @BeforeAll
    void standardizeTheWholeFile() {
        driver = new StandardizerDriver(getClass().getSimpleName());
        raw = driver.raw("hotline", "myla311");
        canonical = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class);
        int n = 0;
        for (byte[] row : FILE.rows()) {
            raw.pipeInput(new TestRecord<>("row-" + n, row, csvHeaders("hotline", "myla311", "r-" + n++, FILE.header())));
        }
        all = canonical.readRecordsToList().stream()
                .collect(Collectors.toMap(r -> r.value().getSource().getLocalId(), Function.identity()));
        eventsOfTheFile = List.copyOf(driver.events);
    }

    @AfterAll
    void stop() {
        driver.close();
    }

    private Map<String, ServiceRequest> standardizeAll() {
        Map<String, ServiceRequest> values = new java.util.HashMap<>();
        all.forEach((id, record) -> values.put(id, record.value()));
        return values;
    }

    @Test
    void everyRowOfTheRealExportBecomesAServiceRequest() {
        Map<String, ServiceRequest> requests = standardizeAll();

        assertThat(FILE.rows()).hasSize(1999);
        assertThat(requests).hasSize(1999);
        assertThat(driver.dlq().isEmpty()).isTrue();
        assertThat(requests.values()).extracting(ServiceRequest::getStatus)
                .containsOnly(ServiceRequestStatus.CLOSED, ServiceRequestStatus.CANCELLED, ServiceRequestStatus.OPEN);
        assertThat(requests.values()).filteredOn(r -> r.getStatus() == ServiceRequestStatus.CANCELLED).hasSize(77);
        // 156 rows were never geocoded: they stay without location rather than being refused.
        assertThat(requests.values()).filteredOn(r -> r.getLocation() == null).hasSize(156);
        assertThat(requests.values()).allSatisfy(r -> {
            assertThat(r.getRequestedAt()).isBetween(Instant.parse("2017-12-30T13:03:25Z"), Instant.parse("2018-01-01T07:59:58Z"));
            assertThat(r.getServiceName()).isNotBlank();
            assertThat(r.getAddress()).isNotBlank();
        });
    }

    @Test
    void theFirstRowIsMappedFieldByFieldInLosAngelesTime() {
        TestRecord<String, ServiceRequest> out = all.get("1-870704831");
        String id = CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "hotline", "myla311", "1-870704831");
        ServiceRequest r = out.value();
        assertThat(out.key()).isEqualTo(id);
        assertThat(r.getId()).isEqualTo(id);
        assertThat(r.getSource().getLocalId()).isEqualTo("1-870704831");
        assertThat(r.getStatus()).isEqualTo(ServiceRequestStatus.CLOSED);
        assertThat(r.getServiceName()).isEqualTo("Homeless Encampment");
        assertThat(r.getServiceCode()).isNull();
        assertThat(r.getAgencyResponsible()).isEqualTo("BOS");
        assertThat(r.getChannel()).isEqualTo("Call");
        // 12/31/2017 11:59:58 PM Pacific Standard Time, and 04/09/2018 in Pacific Daylight Time.
        assertThat(r.getRequestedAt()).isEqualTo(Instant.parse("2018-01-01T07:59:58Z"));
        assertThat(r.getUpdatedAt()).isEqualTo(Instant.parse("2018-04-09T16:25:28Z"));
        assertThat(r.getExpectedAt()).isEqualTo(Instant.parse("2018-01-05T08:00:00Z"));
        assertThat(r.getClosedAt()).isEqualTo(Instant.parse("2018-04-09T16:18:35Z"));
        assertThat(r.getAddress()).isEqualTo("2111 W BELLEVUE AVE, 90026");
        assertThat(r.getLocation()).isEqualTo(new GeoPoint(34.073216645, -118.266861909));
        assertThat(r.getAttributes())
                .containsEntry("councilDistrict", "13")
                .containsEntry("councilMember", "Mitch O'Farrell")
                .containsEntry("neighborhoodCouncilName", "GREATER ECHO PARK ELYSIAN NC")
                .containsEntry("policePrecinct", "RAMPART")
                .containsEntry("zipCode", "90026")
                .containsEntry("anonymous", "N")
                .doesNotContainKey("mobileOs");
        assertThat(r.getProvenance().getMappingSpec()).isEqualTo("hotline/myla311");
        assertThat(r.getProvenance().getRawTopic()).isEqualTo("raw.hotline.myla311");
        assertThat(r.getProvenance().getRecordId()).isEqualTo("r-0");
        assertThat(r.getProvenance().getRawOffset()).isZero();
        assertThat(ExchangeHeaders.get(out.headers(), ExchangeHeaders.DATASET)).isEqualTo("myla311");
    }

    @Test
    void statusesAndMissingValuesFollowTheSpec() {
        Map<String, ServiceRequest> requests = standardizeAll();

        ServiceRequest ungeocoded = requests.get("1-870683382");
        assertThat(ungeocoded.getLocation()).isNull();
        assertThat(ungeocoded.getAddress()).isEqualTo("8525 N DE SOTO AVE, 91304");
        assertThat(ungeocoded.getRequestedAt()).isEqualTo(Instant.parse("2018-01-01T04:47:47Z"));

        ServiceRequest referredOut = requests.get("1-870497204");
        assertThat(referredOut.getStatus()).as("handed to an outside agency").isEqualTo(ServiceRequestStatus.CLOSED);
        assertThat(referredOut.getAttributes()).containsEntry("mobileOs", "iOS");

        ServiceRequest open = requests.get("1-870562171");
        assertThat(open.getStatus()).isEqualTo(ServiceRequestStatus.OPEN);
        assertThat(open.getAgencyResponsible()).isEqualTo("BSL");
        assertThat(open.getClosedAt()).isNull();
        assertThat(open.getExpectedAt()).isNull();

        assertThat(requests.get("1-870687481").getStatus()).isEqualTo(ServiceRequestStatus.CANCELLED);
        assertThat(requests.get("1-869949291").getRequestedAt()).isEqualTo(Instant.parse("2017-12-30T13:03:25Z"));
        assertThat(eventsOfTheFile).doesNotContain("unknown hotline/myla311 status Referred Out");
        assertThat(eventsOfTheFile).hasSize(1999).allMatch(e -> e.equals("standardized hotline/myla311"));
    }

    @Test
    void aStatusTheTableDoesNotKnowIsCountedNotRejected() {
        String row = new String(FILE.rows().get(0), java.nio.charset.StandardCharsets.UTF_8).replace(",Closed,", ",On Hold,");
        raw.pipeInput(new TestRecord<>("k", row.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                csvHeaders("hotline", "myla311", "on-hold-1", FILE.header())));

        assertThat(canonical.readValue().getStatus()).isEqualTo(ServiceRequestStatus.UNKNOWN);
        assertThat(driver.events).contains("unknown hotline/myla311 status On Hold");
    }
}
