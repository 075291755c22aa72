package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.csvHeaders;
import static civic.exchange.standardizer.datasets.StandardizerDriver.errorCode;
import static civic.exchange.standardizer.datasets.StandardizerDriver.header;
import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.schema.Facility;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Everything a department can get wrong, mixed with good records, through the whole topology:
 * every bad record lands in the DLQ untouched with the right code and field, every good one in its
 * canonical topic, and nothing stops the stream.
 */
class BadInputCorpusTest {

    private static final CsvFile LA = CsvFile.of("losangeles-myla311-service-requests.csv");
    private static final String LA_ROW = new String(LA.rows().get(0), StandardCharsets.UTF_8);
    private static final String OPEN311 = new String(ServiceRequestSpecsTest.open311Requests().get(0), StandardCharsets.UTF_8);
    private static final String STREETLIGHT = SharedDatasets.streetlightKeyValuesText();

    private StandardizerDriver driver;
    private TestOutputTopic<String, ServiceRequest> requests;
    private TestOutputTopic<String, Facility> facilities;
    private TestOutputTopic<String, byte[]> dlq;
    private final List<Sent> sent = new ArrayList<>();

    /** A record of the corpus and what must become of it (code null: canonical). */
    private record Sent(String key, byte[] payload, String code, String field) {
    }

    @BeforeEach
    void start(TestInfo test) {
        driver = new StandardizerDriver(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        requests = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class);
        facilities = driver.canonical(CanonicalEntity.FACILITY, Facility.class);
        dlq = driver.dlq();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void la(String key, byte[] row, String code, String field) {
        laWithHeaders(key, row, csvHeaders("hotline", "myla311", key, LA.header()), code, field);
    }

    private void laWithHeaders(String key, byte[] row, Headers headers, String code, String field) {
        driver.raw("hotline", "myla311").pipeInput(new TestRecord<>(key, row, headers));
        sent.add(new Sent(key, row, code, field));
    }

    private void open311(String key, byte[] request, String code, String field) {
        driver.raw("hotline", "open311-requests").pipeInput(new TestRecord<>(key, request,
                ingestHeaders("hotline", "open311-requests", key)));
        sent.add(new Sent(key, request, code, field));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] replace(String text, String target, String replacement) {
        assertThat(text).contains(target);
        return utf8(text.replace(target, replacement));
    }

    /** Each rejected record, in order, with its code and field; then the good ones arrived, all of them. */
    private void assertOutcomes(int canonicalCount) {
        List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
        List<Sent> bad = sent.stream().filter(s -> s.code() != null).toList();
        assertThat(rejected).extracting(TestRecord::key).containsExactlyElementsOf(bad.stream().map(Sent::key).toList());
        for (int i = 0; i < bad.size(); i++) {
            TestRecord<String, byte[]> record = rejected.get(i);
            Sent expected = bad.get(i);
            assertThat(errorCode(record)).as(expected.key() + ": " + header(record, ExchangeHeaders.ERROR_MESSAGE))
                    .isEqualTo(expected.code());
            assertThat(header(record, ExchangeHeaders.ERROR_FIELD)).as(expected.key() + " field").isEqualTo(expected.field());
            assertThat(header(record, ExchangeHeaders.ERROR_MESSAGE)).as(expected.key()).isNotBlank();
            assertThat(header(record, ExchangeHeaders.ERROR_STAGE)).isEqualTo("standardizer");
            assertThat(header(record, ExchangeHeaders.RECORD_ID)).as("the raw headers travel along").isEqualTo(expected.key());
            assertThat(record.value()).as(expected.key() + ": the raw bytes, untouched").isEqualTo(expected.payload());
        }
        assertThat(sent.stream().filter(s -> s.code() == null)).hasSize(canonicalCount);
    }

    @Test
    void brokenCsvRowsOfTheLosAngelesExport() {
        Charset gbk = Charset.forName("GBK");
        la("good-1", LA.rows().get(0), null, null);
        // The ingest cut the row in the middle of the quoted address.
        la("truncated", utf8(LA_ROW.substring(0, LA_ROW.indexOf("BELLEVUE AVE"))), "MALFORMED_CSV", null);
        la("unbalanced-quote", replace(LA_ROW, "\"2111 W BELLEVUE AVE, 90026\"", "\"2111 W BELLEVUE AVE, 90026"),
                "MALFORMED_CSV", null);
        la("too-few-columns", utf8(LA_ROW.substring(0, LA_ROW.lastIndexOf(','))), "MALFORMED_CSV", null);
        la("too-many-columns", utf8(LA_ROW + ",extra"), "MALFORMED_CSV", null);
        la("two-rows", utf8(LA_ROW + "\n" + LA_ROW), "MALFORMED_CSV", null);
        // A department's GBK export sent to a dataset catalogued as UTF-8.
        la("gbk-as-utf8", LA_ROW.replace("2111 W BELLEVUE AVE", "洛杉矶市政厅 200 N SPRING ST").getBytes(gbk),
                "INVALID_ENCODING", null);
        laWithHeaders("no-header-row", LA.rows().get(1), ingestHeaders("hotline", "myla311", "no-header-row"),
                "MALFORMED_CSV", null);
        laWithHeaders("gbk-header-row", LA.rows().get(1), csvHeaders("hotline", "myla311", "gbk-header-row",
                "编号,日期".getBytes(gbk)), "INVALID_ENCODING", null);
        la("empty", new byte[0], "MALFORMED_CSV", null);
        la("no-id", utf8(LA_ROW.replace("1-870704831,", ",")), "MISSING_REQUIRED_FIELD", "SRNumber");
        la("no-status", utf8(LA_ROW.replace(",Closed,", ",,")), "MISSING_REQUIRED_FIELD", "Status");
        la("latitude-123", utf8(LA_ROW.replace(",34.073216645,", ",123,")), "OUT_OF_RANGE", "Latitude");
        la("latitude-only", utf8(LA_ROW.replace(",-118.266861909,", ",,")), "INVALID_VALUE", "Longitude");
        la("latitude-text", utf8(LA_ROW.replace(",34.073216645,", ",north,")), "INVALID_VALUE", "Latitude");
        la("bad-date", utf8(LA_ROW.replace("12/31/2017 11:59:58 PM", "12/32/2017 11:59:58 PM")), "INVALID_DATE", "CreatedDate");
        la("24-hour-date", utf8(LA_ROW.replace("12/31/2017 11:59:58 PM", "12/31/2017 23:59:58")), "INVALID_DATE", "CreatedDate");
        la("good-2", LA.rows().get(1), null, null);

        assertOutcomes(2);
        assertThat(requests.readValuesToList()).extracting(r -> r.getSource().getLocalId())
                .containsExactly("1-870704831", "1-870694601");
        assertThat(driver.events).filteredOn(e -> e.startsWith("rejected hotline/myla311")).hasSize(16);
    }

    @Test
    void brokenJsonRecordsOfAnOpen311Feed() {
        open311("good-1", utf8(OPEN311), null, null);
        open311("malformed", utf8(OPEN311.substring(0, OPEN311.length() / 2)), "MALFORMED_JSON", null);
        open311("leading-zero", replace(OPEN311, "\"006\"", "006"), "MALFORMED_JSON", null);
        open311("array", utf8("[" + OPEN311 + "]"), "INVALID_VALUE", null);
        open311("latin1", OPEN311.replace("JUDAH", "JÜDAH").getBytes(StandardCharsets.ISO_8859_1), "INVALID_ENCODING", null);
        open311("latitude-123", replace(OPEN311, "37.762221815", "123"), "OUT_OF_RANGE", "lat");
        open311("no-status", replace(OPEN311, "\"status\":\"closed\",", ""), "MISSING_REQUIRED_FIELD", "status");
        open311("no-id", replace(OPEN311, "\"service_request_id\":638344,", ""), "MISSING_REQUIRED_FIELD", "service_request_id");
        // The spec declares no zone: a date-time without offset cannot be placed in time.
        open311("no-zone", replace(OPEN311, "\"2010-04-14T06:37:38-08:00\",\"updated", "\"2010-04-14T06:37:38\",\"updated"),
                "INVALID_DATE", "requested_datetime");
        open311("offset-and-z", replace(OPEN311, "2010-04-15T06:37:38-08:00", "2010-04-15T06:37:38-08:00Z"),
                "INVALID_DATE", "expected_datetime");
        open311("description-object", replace(OPEN311, "\"description\":null", "\"description\":{\"text\":\"x\"}"),
                "INVALID_VALUE", "description");
        String huge = "x".repeat(4 * 1024 * 1024);
        open311("four-megabytes", replace(OPEN311, "\"description\":null", "\"description\":\"" + huge + "\""),
                "PAYLOAD_TOO_LARGE", null);
        // Under "unknown: UNKNOWN" a status the table lacks is mapped and counted, not rejected.
        open311("acknowledged", replace(OPEN311, "\"status\":\"closed\"", "\"status\":\"acknowledged\""), null, null);
        open311("good-2", ServiceRequestSpecsTest.open311Requests().get(1), null, null);

        assertOutcomes(3);
        List<ServiceRequest> out = requests.readValuesToList();
        assertThat(out).extracting(ServiceRequest::getStatus)
                .containsExactly(ServiceRequestStatus.CLOSED, ServiceRequestStatus.UNKNOWN, ServiceRequestStatus.OPEN);
        assertThat(driver.events).contains("unknown open311/georeport-v2 status acknowledged");
    }

    @Test
    void unknownCodesUnderTheRejectPolicyAndZonelessTimesUnderADeclaredZone() {
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>("flickering",
                replace(STREETLIGHT, "\"status\": \"ok\"", "\"status\": \"flickering\""),
                ingestHeaders("lighting", "streetlights", "flickering")));
        // The parking spec declares input.zone UTC: a time without offset is read in it.
        String spot = new String(SharedDatasets.bytes("fiware/fiware-ParkingSpot-normalized-ngsiv2.json"), StandardCharsets.UTF_8);
        driver.raw("transport", "parking-spots").pipeInput(new TestRecord<>("zoneless",
                replace(spot, "\"2018-09-21T12:00:00\"", "\"2018-09-21T14:30:00\""),
                ingestHeaders("transport", "parking-spots", "zoneless")));
        // The streetlight spec declares no zone: the same kind of time is refused there.
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>("zoneless-light",
                replace(STREETLIGHT, "2021-01-11T15:51:02+05:30", "2021-01-11T15:51:02"),
                ingestHeaders("lighting", "streetlights", "zoneless-light")));

        List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
        assertThat(rejected).extracting(StandardizerDriver::errorCode).containsExactly("UNKNOWN_CODE", "INVALID_DATE");
        assertThat(header(rejected.get(0), ExchangeHeaders.ERROR_MESSAGE)).contains("flickering");
        assertThat(header(rejected.get(1), ExchangeHeaders.ERROR_FIELD)).isEqualTo("observationDateTime");
        assertThat(facilities.readValue().getObservedAt()).isEqualTo(Instant.parse("2018-09-21T14:30:00Z"));
        assertThat(facilities.isEmpty()).isTrue();
    }
}
