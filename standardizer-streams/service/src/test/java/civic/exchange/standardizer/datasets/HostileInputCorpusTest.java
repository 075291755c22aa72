package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.csvHeaders;
import static civic.exchange.standardizer.datasets.StandardizerDriver.header;
import static civic.exchange.standardizer.datasets.StandardizerDriver.ingestHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.schema.Facility;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
 * What a hostile or careless department sends, beyond broken syntax ({@link BadInputCorpusTest}):
 * values built to exhaust memory or to slip through as something else. Each class has its expected
 * outcome: a DLQ record with its code and field, or a canonical record that keeps the value as text.
 */
class HostileInputCorpusTest {

    private static final CsvFile LA = CsvFile.of("losangeles-myla311-service-requests.csv");
    private static final String LA_ROW = new String(LA.rows().get(0), StandardCharsets.UTF_8);
    private static final CsvFile TREES = CsvFile.of("perth-trees-in-the-city.csv");
    private static final String TREE_ROW = new String(TREES.rows().get(0), StandardCharsets.UTF_8);
    private static final String LIGHT = SharedDatasets.streetlightKeyValuesText();

    private StandardizerDriver driver;
    private TestOutputTopic<String, byte[]> dlq;
    private final List<Sent> sent = new ArrayList<>();

    /** One record of the corpus and what must become of it (code null: a canonical record). */
    private record Sent(String key, String code, String field) {
    }

    @BeforeEach
    void start(TestInfo test) {
        driver = new StandardizerDriver(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName());
        dlq = driver.dlq();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void light(String key, byte[] payload, String code, String field) {
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>(key, payload,
                ingestHeaders("lighting", "streetlights", key)));
        sent.add(new Sent(key, code, field));
    }

    private void light(String key, String payload, String code, String field) {
        light(key, utf8(payload), code, field);
    }

    private void la(String key, byte[] row, String code, String field) {
        driver.raw("hotline", "myla311").pipeInput(new TestRecord<>(key, row, csvHeaders("hotline", "myla311", key, LA.header())));
        sent.add(new Sent(key, code, field));
    }

    private void tree(String key, String row, String code, String field) {
        driver.raw("parks", "trees").pipeInput(new TestRecord<>(key, utf8(row), csvHeaders("parks", "trees", key, TREES.header())));
        sent.add(new Sent(key, code, field));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String replace(String text, String target, String replacement) {
        assertThat(text).contains(target);
        return text.replace(target, replacement);
    }

    /** Every refused record with its code and field, in order; the others became canonical records. */
    private void assertOutcomes() {
        List<TestRecord<String, byte[]>> rejected = dlq.readRecordsToList();
        List<Sent> bad = sent.stream().filter(s -> s.code() != null).toList();
        assertThat(rejected).extracting(TestRecord::key).containsExactlyElementsOf(bad.stream().map(Sent::key).toList());
        for (int i = 0; i < bad.size(); i++) {
            TestRecord<String, byte[]> record = rejected.get(i);
            Sent expected = bad.get(i);
            assertThat(header(record, ExchangeHeaders.ERROR_CODE)).as(expected.key() + ": " + header(record, ExchangeHeaders.ERROR_MESSAGE))
                    .isEqualTo(expected.code());
            assertThat(header(record, ExchangeHeaders.ERROR_FIELD)).as(expected.key() + " field").isEqualTo(expected.field());
            assertThat(header(record, ExchangeHeaders.ERROR_MESSAGE)).as(expected.key()).isNotBlank().hasSizeLessThanOrEqualTo(1000);
        }
    }

    @Test
    void hostileJsonValues() {
        light("good", LIGHT, null, null);
        // Twelve characters that would take gigabytes as plain text: kept as the short text they are.
        light("number-bomb", replace(LIGHT, "\"lanternHeight\": 10", "\"lanternHeight\": 1e2000000000"), null, null);
        light("negative-bomb", replace(LIGHT, "\"lanternHeight\": 10", "\"lanternHeight\": -1e-2000000000"), null, null);
        light("nan", replace(LIGHT, "\"lanternHeight\": 10", "\"lanternHeight\": NaN"), "MALFORMED_JSON", null);
        light("infinity", replace(LIGHT, "\"lanternHeight\": 10", "\"lanternHeight\": Infinity"), "MALFORMED_JSON", null);
        light("minus-zero", replace(LIGHT, "\"lanternHeight\": 10", "\"lanternHeight\": -0"), null, null);
        light("deep-nesting", replace(LIGHT, "\"deviceInfo\": {", "\"deep\": " + "[".repeat(10_000) + "]".repeat(10_000)
                + ", \"deviceInfo\": {"), "MALFORMED_JSON", null);
        light("megabyte-value", replace(LIGHT, "\"areaServed\": \"Roundabouts city entrance\"",
                "\"areaServed\": \"" + "x".repeat(1024 * 1024) + "\""), "PAYLOAD_TOO_LARGE", null);
        light("600k-value", replace(LIGHT, "\"areaServed\": \"Roundabouts city entrance\"",
                "\"areaServed\": \"" + "x".repeat(600 * 1024) + "\""), "VALUE_TOO_LONG", "address");
        light("huge-array", replace(LIGHT, "\"deviceInfo\": {", "\"readings\": [" + "0,".repeat(200_000) + "0], \"deviceInfo\": {"),
                null, null);
        light("array-for-text", replace(LIGHT, "\"areaServed\": \"Roundabouts city entrance\"", "\"areaServed\": [1,2,3]"),
                "INVALID_VALUE", "areaServed");
        ByteArrayOutputStream invalidUtf8 = new ByteArrayOutputStream();
        invalidUtf8.writeBytes(utf8(LIGHT.substring(0, LIGHT.indexOf("Roundabouts"))));
        invalidUtf8.writeBytes(new byte[] {(byte) 0xC3, 0x28});
        invalidUtf8.writeBytes(utf8(LIGHT.substring(LIGHT.indexOf("Roundabouts"))));
        light("invalid-utf8", invalidUtf8.toByteArray(), "INVALID_ENCODING", null);
        light("lone-surrogate", replace(LIGHT, "Roundabouts city entrance", "Roundabouts \\ud800 entrance"), "INVALID_ENCODING", "address");
        light("nul-byte", replace(LIGHT, "Roundabouts city entrance", "Roundabouts\\u0000entrance"), "INVALID_VALUE", "address");
        light("duplicate-key", replace(LIGHT, "\"status\": \"ok\",", "\"status\": \"ok\", \"status\": \"columnIssue\","),
                "MALFORMED_JSON", null);
        light("bom-in-the-middle", replace(LIGHT, "\"status\": \"ok\",", "\uFEFF\"status\": \"ok\","), "MALFORMED_JSON", null);
        light("year-0", replace(LIGHT, "2021-01-11T15:51:02+05:30", "0000-01-11T15:51:02+05:30"), "INVALID_DATE", "observationDateTime");
        light("year-10000", replace(LIGHT, "2021-01-11T15:51:02+05:30", "+10000-01-11T15:51:02+05:30"), "INVALID_DATE",
                "observationDateTime");
        light("polygon-for-point", replace(LIGHT, "\"type\": \"Point\",\n    \"coordinates\": [\n      -3.164485591715449,\n      40.62785133667262\n    ]",
                "\"type\": \"Polygon\", \"coordinates\": [[[-3.16, 40.62], [-3.17, 40.62], [-3.17, 40.63], [-3.16, 40.62]]]"),
                "INVALID_VALUE", "location");
        light("swapped-coordinates", replace(LIGHT, "-3.164485591715449,\n      40.62785133667262",
                "140.62785133667262,\n      -93.164485591715449"), "OUT_OF_RANGE", "location");

        assertOutcomes();
        List<Facility> lights = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
        assertThat(lights).hasSize(5);
        assertThat(lights.get(1).getAttributes().get("lanternHeightM")).hasSizeLessThan(20).containsIgnoringCase("e+2000000000");
        assertThat(lights.get(2).getAttributes().get("lanternHeightM")).hasSizeLessThan(20).containsIgnoringCase("e-2000000000");
        assertThat(lights.get(3).getAttributes()).containsEntry("lanternHeightM", "0");
    }

    @Test
    void hostileCsvCells() {
        la("good", LA.rows().get(0), null, null);
        // A spreadsheet formula stays the text it is: nothing on the bus evaluates it.
        String formula = "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"";
        la("formula", utf8(replace(LA_ROW, "\"2111 W BELLEVUE AVE, 90026\"", formula)), null, null);
        la("cr-inside", utf8(replace(LA_ROW, "SR Created", "SR\rCreated")), "MALFORMED_CSV", null);
        la("crlf-end", utf8(LA_ROW + "\r\n"), null, null);
        la("nul-cell", utf8(replace(LA_ROW, "BELLEVUE AVE, 90026", "BELLEVUE\u0000AVE, 90026")), "INVALID_VALUE", "address");
        // 02:30 on 12 March 2017 never happened in Los Angeles: clocks went from 02:00 to 03:00.
        la("dst-gap", utf8(replace(LA_ROW, "12/31/2017 11:59:58 PM", "03/12/2017 02:30:00 AM")), "INVALID_DATE", "CreatedDate");
        la("year-0", utf8(replace(LA_ROW, "12/31/2017 11:59:58 PM", "12/31/0000 11:59:58 PM")), "INVALID_DATE", "CreatedDate");
        la("swapped", utf8(replace(LA_ROW, "34.073216645,-118.266861909", "-118.266861909,34.073216645")),
                "OUT_OF_RANGE", "Latitude");
        tree("tree", TREE_ROW, null, null);
        tree("botanical-600k", replace(TREE_ROW, "Quercus palustris", "Quercus " + "p".repeat(600_000)), "VALUE_TOO_LONG",
                "description");
        tree("height-bomb", replace(TREE_ROW, ",1.5,", ",1e2000000000,"), "OUT_OF_RANGE", "TREE_HEIGHT");

        assertOutcomes();
        List<ServiceRequest> requests = driver.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class).readValuesToList();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).getAddress()).isEqualTo("=HYPERLINK(\"http://evil.example\",\"click\")");
    }

    @Test
    void theSameRecordPublishedAgainIsCountedOnceAndWrittenOnce() {
        Headers first = ingestHeaders("lighting", "streetlights", "retry-1");
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>("sl-4567", utf8(LIGHT), first));
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>("sl-4567", utf8(LIGHT),
                ingestHeaders("lighting", "streetlights", "retry-1")));
        // An update of the same streetlight is a new record: it is written.
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>("sl-4567", utf8(replace(LIGHT, "\"off\"", "\"on\"")),
                ingestHeaders("lighting", "streetlights", "update-2")));
        // A refused record is not remembered: fixed and re-driven, it must get through.
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>("sl-bad", utf8(replace(LIGHT, "\"ok\"", "\"flickering\"")),
                ingestHeaders("lighting", "streetlights", "bad-3")));
        driver.raw("lighting", "streetlights").pipeInput(new TestRecord<>("sl-bad", utf8(LIGHT),
                ingestHeaders("lighting", "streetlights", "bad-3")));

        List<Facility> lights = driver.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList();
        assertThat(lights).extracting(f -> f.getProvenance().getRecordId()).containsExactly("retry-1", "update-2", "bad-3");
        assertThat(dlq.readRecordsToList()).hasSize(1);
        assertThat(driver.events).filteredOn(e -> e.startsWith("duplicate lighting/streetlights")).hasSize(1);
    }
}
