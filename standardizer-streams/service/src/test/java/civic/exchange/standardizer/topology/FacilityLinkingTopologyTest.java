package civic.exchange.standardizer.topology;

import static civic.exchange.standardizer.TestRecords.LAT;
import static civic.exchange.standardizer.TestRecords.LAT_PER_M;
import static civic.exchange.standardizer.TestRecords.LON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.standardizer.SharedDatasets;
import civic.exchange.standardizer.TestRecords;
import civic.exchange.standardizer.quality.DatasetQuality;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facility cross-reference and linking in the whole topology: the shipped specs, with the FIWARE
 * service-request spec given a {@code link:} section (streetlights within 50 m; trees for the
 * "Arbolado" service; a pole number resolved through the cross-reference).
 */
class FacilityLinkingTopologyTest {

    private static final String REQUESTS = "hotline/ngsi-service-requests";
    private static final String LINK = """

            attributes:
              serviceAttributes: attributes
              poleNumber: pole_number
            link:
              radiusMeters: 50
              facilityTypes: [STREETLIGHT]
              byService:
                Arbolado: [TREE]
              reference:
                attribute: poleNumber
                datasets: [lighting/streetlights]
            """;
    private static final String STREETLIGHT_ID = CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights",
            "streetlight:guadalajara:4567");

    @TempDir
    Path specs;
    private TopologyHarness harness;
    private TestInputTopic<String, byte[]> requestsIn;
    private TestOutputTopic<String, ServiceRequest> requests;

    @BeforeEach
    void start(TestInfo test) {
        String shipped = TopologyHarness.shippedSpec(REQUESTS);
        // The shipped attributes are replaced by the test's (a spec has one 'attributes' section).
        String withoutAttributes = shipped.substring(0, shipped.indexOf("\nattributes:"));
        TopologyHarness.writeSpec(specs, REQUESTS, withoutAttributes + LINK);
        harness = new TopologyHarness(getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName(), specs);
        requestsIn = harness.raw("hotline", "ngsi-service-requests");
        requests = harness.canonical(CanonicalEntity.SERVICE_REQUEST, ServiceRequest.class);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aRepublishedFacilityIsCrossReferencedOnce() {
        TestInputTopic<String, byte[]> lights = harness.raw("lighting", "streetlights");
        byte[] light = SharedDatasets.streetlightKeyValues();
        lights.pipeInput(new TestRecord<>("sl-4567", light, TopologyHarness.ingestHeaders("lighting", "streetlights", "rec-1")));
        lights.pipeInput(new TestRecord<>("sl-4567", light, TopologyHarness.ingestHeaders("lighting", "streetlights", "rec-2")));
        assertThat(harness.canonical(CanonicalEntity.FACILITY, Facility.class).readValuesToList()).hasSize(2);
        assertThat(harness.xref().readKeyValuesToList()).hasSize(1);
    }

    @Test
    void everyFacilityIsCrossReferencedAndTheRealRequestLinksToTheRealStreetlight() {
        harness.raw("lighting", "streetlights").pipeInput(new TestRecord<>("sl-4567",
                SharedDatasets.streetlightNormalized(), TopologyHarness.ingestHeaders("lighting", "streetlights", "rec-1")));

        List<TestRecord<String, String>> xrefEntries = harness.xref().readRecordsToList();
        assertThat(xrefEntries).extracting(TestRecord::getKey, TestRecord::getValue).containsExactly(
                tuple("lighting/streetlights/streetlight:guadalajara:4567", STREETLIGHT_ID));
        assertThat(xrefEntries.get(0).headers().toArray()).as("a lookup entry carries no lineage headers").isEmpty();
        KeyValueStore<String, String> index = harness.driver.getKeyValueStore(FacilityStores.SPATIAL_INDEX);
        assertThat(index.get("f/" + STREETLIGHT_ID)).as("the facility the topology wrote is in the index").startsWith("STREETLIGHT/");
        KeyValueStore<String, String> xref = harness.driver.getKeyValueStore(FacilityStores.XREF);
        assertThat(xref.get("lighting/streetlights/streetlight:guadalajara:4567")).isEqualTo(STREETLIGHT_ID);

        // The FIWARE service request stands exactly where the FIWARE streetlight does.
        requestsIn.pipeInput(request("638344", LAT, LON, "Aceras", null));
        ServiceRequest linked = requests.readValue();
        assertThat(linked.getFacilityId()).isEqualTo(STREETLIGHT_ID);
        assertThat(linked.getFacilityDistanceMeters()).isEqualTo(0.0);
    }

    @Test
    void theNearestStreetlightWithinTheRadiusIsLinkedWithItsDistance() {
        TestInputTopic<String, Facility> facilities = harness.facilities();
        pipe(facilities, TestRecords.facility("lighting", "streetlights", "far", FacilityType.STREETLIGHT, LAT + 40 * LAT_PER_M, LON));
        pipe(facilities, TestRecords.facility("lighting", "streetlights", "near", FacilityType.STREETLIGHT, LAT - 15 * LAT_PER_M, LON));

        requestsIn.pipeInput(request("1", LAT, LON, "Aceras", null));
        ServiceRequest linked = requests.readValue();
        assertThat(linked.getFacilityId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", "near"));
        assertThat(linked.getFacilityDistanceMeters()).isCloseTo(15.0, within(0.01));
    }

    @Test
    void noFacilityWithinTheRadiusLeavesTheRequestUnlinked() {
        pipe(harness.facilities(), TestRecords.facility("lighting", "streetlights", "far", FacilityType.STREETLIGHT,
                LAT + 55 * LAT_PER_M, LON));

        requestsIn.pipeInput(request("1", LAT, LON, "Aceras", null));
        ServiceRequest unlinked = requests.readValue();
        assertThat(unlinked.getFacilityId()).isNull();
        assertThat(unlinked.getFacilityDistanceMeters()).isNull();
    }

    @Test
    void aFacilityOfAnIncompatibleTypeIsIgnoredHoweverNear() {
        TestInputTopic<String, Facility> facilities = harness.facilities();
        pipe(facilities, TestRecords.facility("sanitation", "waste-containers", "bin", FacilityType.WASTE_CONTAINER, LAT, LON));
        pipe(facilities, TestRecords.facility("parks", "trees", "tree", FacilityType.TREE, LAT + 3 * LAT_PER_M, LON));
        pipe(facilities, TestRecords.facility("lighting", "streetlights", "light", FacilityType.STREETLIGHT, LAT + 30 * LAT_PER_M, LON));

        requestsIn.pipeInput(request("1", LAT, LON, "Aceras", null));
        requestsIn.pipeInput(request("2", LAT, LON, "Arbolado", null));
        ServiceRequest pavement = requests.readValue();
        ServiceRequest tree = requests.readValue();
        assertThat(pavement.getFacilityId()).isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "lighting", "streetlights", "light"));
        assertThat(pavement.getFacilityDistanceMeters()).isCloseTo(30.0, within(0.01));
        assertThat(tree.getFacilityId()).as("the service's own types").isEqualTo(CanonicalIds.of(CanonicalEntity.FACILITY, "parks", "trees", "tree"));
        assertThat(tree.getFacilityDistanceMeters()).isCloseTo(3.0, within(0.01));
    }

    @Test
    void aRetiredOrDeletedFacilityIsNoLongerLinkedTo() {
        TestInputTopic<String, Facility> facilities = harness.facilities();
        Facility light = TestRecords.facility("lighting", "streetlights", "light", FacilityType.STREETLIGHT, LAT, LON);
        pipe(facilities, light);
        pipe(facilities, Facility.newBuilder(light).setStatus(FacilityStatus.RETIRED).build());
        requestsIn.pipeInput(request("1", LAT, LON, "Aceras", null));
        assertThat(requests.readValue().getFacilityId()).isNull();

        pipe(facilities, light);
        facilities.pipeInput(light.getId(), null);
        requestsIn.pipeInput(request("2", LAT, LON, "Aceras", null));
        assertThat(requests.readValue().getFacilityId()).isNull();
    }

    @Test
    void aPoleNumberIsResolvedThroughTheCrossReferenceAndAnUnknownOneIsNotGuessed() {
        pipe(harness.facilities(), TestRecords.facility("lighting", "streetlights", "light", FacilityType.STREETLIGHT, LAT, LON));
        harness.xrefInput().pipeInput("lighting/streetlights/SL-0042", "facility-by-number");

        requestsIn.pipeInput(request("1", LAT + 1, LON, "Aceras", "SL-0042"));
        requestsIn.pipeInput(request("2", LAT, LON, "Aceras", "SL-9999"));
        ServiceRequest named = requests.readValue();
        ServiceRequest unknown = requests.readValue();
        assertThat(named.getFacilityId()).isEqualTo("facility-by-number");
        assertThat(named.getFacilityDistanceMeters()).isNull();
        assertThat(unknown.getFacilityId()).as("a streetlight stands right there, but the request named another").isNull();

        harness.advance(TopologyHarness.INTERVAL);
        DatasetQuality report = harness.reports().get(REQUESTS);
        assertThat(report.links()).isEqualTo(Map.of("REFERENCE", 1L, "UNRESOLVED_REFERENCE", 1L));
        assertThat(report.present()).containsEntry("facilityId", 1L).containsEntry("facilityDistanceMeters", 0L);
    }

    private static void pipe(TestInputTopic<String, Facility> facilities, Facility facility) {
        facilities.pipeInput(facility.getId(), facility);
    }

    /** The FIWARE example request, moved, renumbered, of another service, with a pole number or none. */
    private static TestRecord<String, byte[]> request(String number, double latitude, double longitude, String service,
                                                      String pole) {
        String json = new String(SharedDatasets.bytes("fiware/fiware-service_requests-normalized-ngsild.json"),
                StandardCharsets.UTF_8)
                .replace("638344", number)
                .replace("40.62785133667262", Double.toString(latitude))
                .replace("-3.164485591715449", Double.toString(longitude))
                .replace("\"value\": \"Aceras\"", "\"value\": \"" + service + "\"");
        if (pole != null) {
            json = json.replace("\"status\": {", "\"pole_number\": {\"type\": \"Property\", \"value\": \"" + pole + "\"},\n    \"status\": {");
        }
        return new TestRecord<>("sr-" + number, json.getBytes(StandardCharsets.UTF_8),
                TopologyHarness.ingestHeaders("hotline", "ngsi-service-requests", "rec-" + number));
    }
}
