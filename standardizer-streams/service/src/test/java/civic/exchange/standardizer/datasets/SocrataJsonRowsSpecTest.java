package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.schema.GeoPoint;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.topics.CanonicalEntity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city's 311 requests as its Socrata portal serves them (Chicago-style SODA JSON rows, one per
 * line): every value a string, even numbers; date-times without an offset, in the city's time;
 * the point in a nested {@code location} object; booleans; a column named
 * {@code :@computed_region_...}. Onboarded from the README alone, with a catalog entry and a spec.
 */
class SocrataJsonRowsSpecTest {

    private static final String CATALOG = """
            departments:
              - id: hotline
                publishes:
                  - {id: chicago-311, format: jsonl, entity: service-request}
            """;

    private static final String SPEC = """
            version: 1
            description: 311 requests from the city's Socrata portal (SODA JSON rows)
            input: {zone: America/Chicago}
            localId: sr_number
            fields:
              status:
                path: status
                codes: {Open: OPEN, Completed: CLOSED, Canceled: CANCELLED}
                unknown: UNKNOWN
              serviceCode: sr_short_code
              serviceName: sr_type
              agencyResponsible: owner_department
              channel: origin
              requestedAt: {path: created_date, transforms: [timestamp]}
              updatedAt: {path: last_modified_date, transforms: [timestamp]}
              closedAt: {path: closed_date, transforms: [timestamp]}
              address: street_address
              location:
                point: {lat: location.latitude, lon: location.longitude}
            attributes:
              ward: ward
              communityArea: community_area
              duplicate: duplicate
              computedRegion: ":@computed_region_rpca_8um6"
            """;

    @Test
    void sodaRowsWithStringNumbersFloatingTimesAndANestedLocation(@TempDir Path dir, TestInfo test) throws IOException {
        try (StandardizerDriver driver = StandardizerDriver.onboarding(dir, CATALOG, "hotline/chicago-311", SPEC, test)) {
            List<String> lines = List.of(
                    // summer time: 08:15 in Chicago is 13:15 UTC
                    """
                    {"sr_number":"SR23-01150452","sr_type":"Street Light Out Complaint","sr_short_code":"SFD",\
                    "owner_department":"CDOT - Department of Transportation","status":"Completed","origin":"Phone Call",\
                    "created_date":"2023-07-03T08:15:00.000","last_modified_date":"2023-07-05T10:02:31.000",\
                    "closed_date":"2023-07-05T10:02:31.000","street_address":"1234 W MADISON ST","ward":"27",\
                    "community_area":"28","duplicate":false,"legacy_record":false,\
                    "location":{"latitude":"41.88153","longitude":"-87.65955","human_address":"{\\"address\\": \\"\\", \\"city\\": \\"\\"}"},\
                    ":@computed_region_rpca_8um6":"41"}""",
                    // winter time, no closed date, a status the spec does not know: UNKNOWN, counted
                    """
                    {"sr_number":"SR24-00021877","sr_type":"Tree Trim Request","sr_short_code":"SEF",\
                    "owner_department":"Streets and Sanitation","status":"Pending","origin":"Mobile Device",\
                    "created_date":"2024-01-08T17:40:12.000","last_modified_date":"2024-01-08T17:40:12.000",\
                    "street_address":"5600 S CICERO AVE","duplicate":true}""",
                    // a day that does not exist
                    """
                    {"sr_number":"SR24-00021878","sr_type":"Graffiti Removal Request","status":"Open",\
                    "created_date":"2024-02-30T09:00:00.000"}""",
                    // a latitude that lost its decimal point
                    """
                    {"sr_number":"SR24-00021879","sr_type":"Pothole in Street Complaint","status":"Open",\
                    "created_date":"2024-03-01T09:00:00.000","location":{"latitude":"4188153","longitude":"-87.65955"}}""",
                    // a whole export pasted as one record
                    """
                    [{"sr_number":"SR24-00021880","status":"Open"}]""");
            for (int i = 0; i < lines.size(); i++) {
                driver.raw("hotline", "chicago-311").pipeInput(new TestRecord<>(null, lines.get(i).getBytes(StandardCharsets.UTF_8),
                        ingestHeaders("hotline", "chicago-311", "c-" + i)));
            }

            List<ServiceRequest> requests = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class).readValuesToList();
            assertThat(requests).extracting(r -> r.getSource().getLocalId()).containsExactly("SR23-01150452", "SR24-00021877");
            ServiceRequest light = requests.get(0);
            assertThat(light.getStatus()).isEqualTo(ServiceRequestStatus.CLOSED);
            assertThat(light.getServiceCode()).isEqualTo("SFD");
            assertThat(light.getServiceName()).isEqualTo("Street Light Out Complaint");
            assertThat(light.getAgencyResponsible()).isEqualTo("CDOT - Department of Transportation");
            assertThat(light.getChannel()).isEqualTo("Phone Call");
            assertThat(light.getRequestedAt()).as("Chicago summer time, UTC-5").isEqualTo(Instant.parse("2023-07-03T13:15:00Z"));
            assertThat(light.getClosedAt()).isEqualTo(Instant.parse("2023-07-05T15:02:31Z"));
            assertThat(light.getLocation()).as("text numbers in a nested object").isEqualTo(new GeoPoint(41.88153, -87.65955));
            assertThat(light.getAttributes()).containsEntry("ward", "27").containsEntry("communityArea", "28")
                    .containsEntry("duplicate", "false").containsEntry("computedRegion", "41");

            ServiceRequest tree = requests.get(1);
            assertThat(tree.getStatus()).isEqualTo(ServiceRequestStatus.UNKNOWN);
            assertThat(tree.getRequestedAt()).as("Chicago standard time, UTC-6").isEqualTo(Instant.parse("2024-01-08T23:40:12Z"));
            assertThat(tree.getClosedAt()).isNull();
            assertThat(tree.getLocation()).isNull();
            assertThat(tree.getAttributes()).containsEntry("duplicate", "true").doesNotContainKey("ward");

            List<TestRecord<String, byte[]>> rejected = driver.dlq().readRecordsToList();
            assertThat(rejected).extracting(StandardizerDriver::errorCode)
                    .containsExactly("INVALID_DATE", "OUT_OF_RANGE", "INVALID_VALUE");
            assertThat(rejected).extracting(r -> ExchangeHeaders.get(r.headers(), ExchangeHeaders.ERROR_FIELD))
                    .containsExactly("created_date", "location.latitude", null);
            assertThat(new String(rejected.get(2).value(), StandardCharsets.UTF_8)).as("the raw bytes are kept")
                    .isEqualTo(lines.get(4));
        }
    }
}
