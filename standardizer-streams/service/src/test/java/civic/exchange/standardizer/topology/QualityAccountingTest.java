package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.errors.ErrorCode;
import civic.exchange.schema.Facility;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.quality.DatasetQuality;
import civic.exchange.standardizer.quality.JsonSerde;
import civic.exchange.standardizer.quality.OptionalFields;
import civic.exchange.standardizer.quality.QualityCounters;
import civic.exchange.standardizer.quality.QualitySnapshot;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality reports on {@code quality.dataset}: counted per record in a store, sent by the
 * wall-clock punctuator, and always {@code in = out + rejected}. The streetlight spec here maps
 * unknown status codes to UNKNOWN (and counts them) instead of rejecting them.
 */
class QualityAccountingTest {

    private static final String STREETLIGHTS = "lighting/streetlights";

    @TempDir
    Path specs;
    private TopologyHarness harness;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, Facility> canonical;

    @BeforeEach
    void start(TestInfo test) {
        String lenient = TopologyHarness.shippedSpec(STREETLIGHTS).replace("unknown: reject", "unknown: UNKNOWN");
        TopologyHarness.writeSpec(specs, STREETLIGHTS, lenient);
        harness = new TopologyHarness(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName(), specs);
        raw = harness.raw("lighting", "streetlights");
        canonical = harness.canonical(CanonicalEntity.FACILITY, Facility.class);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theReportAccountsForEveryRecordByOutcomeCodeFieldAndCompleteness() {
        String good = SharedDatasets.streetlightKeyValuesText();
        pipe("k-1", SharedDatasets.streetlightNormalized());
        pipe("k-2", SharedDatasets.streetlightKeyValues());
        pipe("k-3", replace(good, "\"status\": \"ok\"", "\"status\": \"flickering\""));
        pipe("k-4", replace(good, "\"status\": \"ok\"", "\"status\": \"flickering\""));
        pipe("k-5", replace(good, "\"status\": \"ok\"", "\"status\": \"dimmed\""));
        pipe("k-6", good.substring(0, 120).getBytes(StandardCharsets.UTF_8));
        pipe("k-7", replace(good, "40.62785133667262", "123"));
        pipe("k-8", replace(good, "\"id\": \"streetlight:guadalajara:4567\",", ""));

        assertThat(harness.reports()).as("nothing before the interval").isEmpty();
        harness.advance(TopologyHarness.INTERVAL);
        DatasetQuality report = harness.reports().get(STREETLIGHTS);

        assertThat(report.dataset()).isEqualTo(STREETLIGHTS);
        assertThat(report.spec()).isEqualTo(STREETLIGHTS);
        assertThat(report.specVersion()).isEqualTo(1);
        assertThat(report.entity()).isEqualTo("facility");
        assertThat(report.partitions()).isEqualTo(1);
        assertThat(report.in()).isEqualTo(8);
        assertThat(report.out()).isEqualTo(5);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.in()).isEqualTo(report.out() + report.rejected());
        assertThat(report.rejectedByCode()).isEqualTo(Map.of("MALFORMED_JSON", 1L, "OUT_OF_RANGE", 1L, "MISSING_REQUIRED_FIELD", 1L));
        assertThat(report.rejectedByField()).isEqualTo(Map.of(
                "MALFORMED_JSON", Map.of("(record)", 1L),
                "OUT_OF_RANGE", Map.of("location", 1L),
                "MISSING_REQUIRED_FIELD", Map.of("id", 1L)));
        assertThat(report.unknownCodes()).isEqualTo(Map.of("status", Map.of("flickering", 2L, "dimmed", 1L)));
        assertThat(report.links()).as("facilities are not linked").isEmpty();

        // Completeness, checked against the canonical records themselves.
        List<Facility> facilities = canonical.readValuesToList();
        assertThat(facilities).hasSize(5);
        List<String> optional = OptionalFields.of(Facility.class).names();
        assertThat(report.present().keySet()).containsExactlyInAnyOrderElementsOf(optional);
        assertThat(report.completeness().keySet()).containsExactlyInAnyOrderElementsOf(optional);
        for (String field : optional) {
            long present = facilities.stream().filter(f -> f.get(field) != null).count();
            assertThat(report.present().get(field)).as(field).isEqualTo(present);
            assertThat(report.completeness().get(field)).as(field).isCloseTo(present / 5.0, within(1e-4));
        }
        assertThat(report.completeness()).containsEntry("location", 1.0).containsEntry("description", 0.0);
    }

    @Test
    void reportsAreCumulativeAndOnlySentWhenSomethingWasCounted() {
        harness.advance(TopologyHarness.INTERVAL);
        Map<String, DatasetQuality> first = harness.reports();
        assertThat(first).as("every standardized dataset reports once after a start, idle or not")
                .containsKeys(STREETLIGHTS, "parks/trees", "hotline/myla311");
        assertThat(first.get(STREETLIGHTS).in()).isZero();
        assertThat(first.get(STREETLIGHTS).completeness()).as("nothing to measure yet").isEmpty();

        harness.advance(TopologyHarness.INTERVAL);
        assertThat(harness.reports()).as("nothing counted since").isEmpty();

        pipe("k-1", SharedDatasets.streetlightKeyValues());
        harness.advance(Duration.ofSeconds(10));
        assertThat(harness.reports()).as("not before the interval").isEmpty();
        harness.advance(Duration.ofSeconds(20));
        assertThat(harness.reports()).containsOnlyKeys(STREETLIGHTS);

        pipe("k-2", "{".getBytes(StandardCharsets.UTF_8));
        pipe("k-3", SharedDatasets.streetlightNormalized());
        harness.advance(TopologyHarness.INTERVAL);
        DatasetQuality report = harness.reports().get(STREETLIGHTS);
        assertThat(report.in()).isEqualTo(3);
        assertThat(report.out()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(1);
    }

    @Test
    void theReportAddsUpTheLatestCountsOfEveryRawPartition() {
        pipe("k-1", SharedDatasets.streetlightKeyValues());
        pipe("k-2", "{".getBytes(StandardCharsets.UTF_8));
        // Another instance's task (raw partition 2) sends its cumulative counts twice: the later replaces the earlier.
        TestInputTopic<String, QualitySnapshot> snapshots = harness.driver.createInputTopic(
                "standardizer-test-lighting.streetlights.quality-snapshots-repartition",
                new StringSerializer(), new JsonSerde<>(QualitySnapshot.class).serializer());
        snapshots.pipeInput(STREETLIGHTS, snapshot(2, 3, ErrorCode.INVALID_DATE, 1));
        snapshots.pipeInput(STREETLIGHTS, snapshot(2, 7, ErrorCode.INVALID_DATE, 3));

        harness.advance(TopologyHarness.INTERVAL);
        DatasetQuality report = harness.reports().get(STREETLIGHTS);
        assertThat(report.partitions()).isEqualTo(2);
        assertThat(report.in()).isEqualTo(12);
        assertThat(report.out()).isEqualTo(8);
        assertThat(report.rejected()).isEqualTo(4);
        assertThat(report.rejectedByCode()).isEqualTo(Map.of("MALFORMED_JSON", 1L, "INVALID_DATE", 3L));
        assertThat(report.present()).containsEntry("name", 8L).containsEntry("location", 8L).containsEntry("description", 0L);
    }

    @Test
    void valuesDroppedAsInvalidAreCountedAndTheRecordStillCounts() {
        // The FIWARE example request's expected_datetime has an offset and a Z: the spec drops it.
        harness.raw("hotline", "ngsi-service-requests").pipeInput(new TestRecord<>("sr-1",
                SharedDatasets.bytes("fiware/fiware-service_requests-normalized-ngsild.json"),
                TopologyHarness.ingestHeaders("hotline", "ngsi-service-requests", "rec-1")));
        harness.advance(TopologyHarness.INTERVAL);
        DatasetQuality report = harness.reports().get("hotline/ngsi-service-requests");
        assertThat(report.in()).isEqualTo(1);
        assertThat(report.out()).isEqualTo(1);
        assertThat(report.droppedValues()).hasSize(1);
        assertThat(report.droppedValues().values().iterator().next()).isEqualTo(Map.of("INVALID_DATE", 1L));
        assertThat(report.completeness()).containsEntry("expectedAt", 0.0).containsEntry("requestedAt", 1.0);
    }

    private static QualitySnapshot snapshot(int partition, long out, ErrorCode code, long rejected) {
        TreeMap<String, Long> counters = new TreeMap<>();
        counters.put(QualityCounters.Counter.out(LinkOutcome.NOT_LINKED, "name,location"), out);
        counters.put(QualityCounters.Counter.rejected(code, "observedAt"), rejected);
        return new QualitySnapshot(STREETLIGHTS, partition, counters);
    }

    private void pipe(String key, byte[] payload) {
        raw.pipeInput(new TestRecord<>(key, payload, TopologyHarness.ingestHeaders("lighting", "streetlights", key)));
    }

    private static byte[] replace(String text, String target, String replacement) {
        assertThat(text).contains(target);
        return text.replace(target, replacement).getBytes(StandardCharsets.UTF_8);
    }
}
