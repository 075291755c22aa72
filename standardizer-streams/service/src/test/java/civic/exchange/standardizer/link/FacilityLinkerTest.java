package civic.exchange.standardizer.link;

import static civic.exchange.standardizer.TestRecords.LAT;
import static civic.exchange.standardizer.TestRecords.LAT_PER_M;
import static civic.exchange.standardizer.TestRecords.LON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.mapping.api.LinkRule;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.Observation;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.standardizer.TestRecords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FacilityLinkerTest {

    private static final LinkRule LIGHTS_50M = new LinkRule(Set.of(FacilityType.STREETLIGHT), 50, Map.of(), Optional.empty());

    private final KeyValueStore<String, String> xref = InMemoryStores.strings("xref");
    private final SpatialIndex index = new SpatialIndex(InMemoryStores.strings("index"));
    private final FacilityLinker linker = new FacilityLinker(index, new FacilityXref(xref));

    @BeforeEach
    void facilities() {
        index.put("light-20m", FacilityType.STREETLIGHT, LAT + 20 * LAT_PER_M, LON);
        index.put("tree-5m", FacilityType.TREE, LAT - 5 * LAT_PER_M, LON);
        xref.put(FacilityXref.key("lighting", "streetlights", "SL-4567"), "light-by-number");
    }

    @Test
    void aRequestIsLinkedToTheNearestCompatibleFacilityWithTheDistance() {
        ServiceRequest request = TestRecords.request("r1", LAT, LON, "Single Streetlight Issue", Map.of());
        assertThat(linker.link(request, LIGHTS_50M)).isEqualTo(LinkOutcome.NEAREST);
        assertThat(request.getFacilityId()).as("the tree is nearer but not a streetlight").isEqualTo("light-20m");
        assertThat(request.getFacilityDistanceMeters()).isCloseTo(20.0, within(0.01));
    }

    @Test
    void nothingWithinTheRadiusLeavesTheRequestUnlinked() {
        ServiceRequest request = TestRecords.request("r1", LAT - 60 * LAT_PER_M, LON, null, Map.of());
        assertThat(linker.link(request, LIGHTS_50M)).isEqualTo(LinkOutcome.NONE_IN_RADIUS);
        assertThat(request.getFacilityId()).isNull();
        assertThat(request.getFacilityDistanceMeters()).isNull();
    }

    @Test
    void theServiceChoosesTheTypesAndAServiceAboutNoFacilityIsNotLinked() {
        LinkRule byService = new LinkRule(Set.of(), 50,
                Map.of("Dead Tree", Set.of(FacilityType.TREE), "LIGHT", Set.of(FacilityType.STREETLIGHT)), Optional.empty());

        ServiceRequest tree = TestRecords.request("r1", LAT, LON, "Dead Tree", Map.of());
        assertThat(linker.link(tree, byService)).isEqualTo(LinkOutcome.NEAREST);
        assertThat(tree.getFacilityId()).isEqualTo("tree-5m");

        ServiceRequest byCode = TestRecords.request("r2", LAT, LON, "Dead Tree", Map.of());
        byCode.setServiceCode("LIGHT");
        assertThat(linker.link(byCode, byService)).as("the code is looked up before the name").isEqualTo(LinkOutcome.NEAREST);
        assertThat(byCode.getFacilityId()).isEqualTo("light-20m");

        ServiceRequest graffiti = TestRecords.request("r3", LAT, LON, "Graffiti Removal", Map.of());
        assertThat(linker.link(graffiti, byService)).isEqualTo(LinkOutcome.NO_COMPATIBLE_TYPE);
        assertThat(graffiti.getFacilityId()).isNull();
    }

    @Test
    void aLocalIdTheRecordNamesIsResolvedThroughTheCrossReference() {
        LinkRule rule = new LinkRule(Set.of(FacilityType.TREE), 50, Map.of(),
                Optional.of(new LinkRule.Reference("poleNumber", List.of("parks/trees", "lighting/streetlights"))));

        ServiceRequest named = TestRecords.request("r1", LAT, LON, null, Map.of("poleNumber", "SL-4567"));
        assertThat(linker.link(named, rule)).isEqualTo(LinkOutcome.REFERENCE);
        assertThat(named.getFacilityId()).isEqualTo("light-by-number");
        assertThat(named.getFacilityDistanceMeters()).as("given, not measured").isNull();

        ServiceRequest unknown = TestRecords.request("r2", LAT, LON, null, Map.of("poleNumber", "SL-9999"));
        assertThat(linker.link(unknown, rule)).isEqualTo(LinkOutcome.UNRESOLVED_REFERENCE);
        assertThat(unknown.getFacilityId()).as("not replaced by a guess, though a tree is 5 m away").isNull();

        ServiceRequest none = TestRecords.request("r3", LAT, LON, null, Map.of());
        assertThat(linker.link(none, rule)).as("no reference: proximity").isEqualTo(LinkOutcome.NEAREST);
        assertThat(none.getFacilityId()).isEqualTo("tree-5m");
    }

    @Test
    void aFacilityTheSourceGaveIsKeptAndARecordWithoutPlaceIsLeftAlone() {
        ServiceRequest given = TestRecords.request("r1", LAT, LON, null, Map.of());
        given.setFacilityId("from-the-source");
        assertThat(linker.link(given, LIGHTS_50M)).isEqualTo(LinkOutcome.GIVEN);
        assertThat(given.getFacilityId()).isEqualTo("from-the-source");

        ServiceRequest nowhere = TestRecords.request("r2", null, null, null, Map.of());
        assertThat(linker.link(nowhere, LIGHTS_50M)).isEqualTo(LinkOutcome.NO_LOCATION);
        assertThat(nowhere.getFacilityId()).isNull();
    }

    @Test
    void observationsAreLinkedLikeRequests() {
        Observation reading = TestRecords.observation("o1", LAT + 19 * LAT_PER_M, LON);
        assertThat(linker.link(reading, LIGHTS_50M)).isEqualTo(LinkOutcome.NEAREST);
        assertThat(reading.getFacilityId()).isEqualTo("light-20m");
        assertThat(reading.getFacilityDistanceMeters()).isCloseTo(1.0, within(0.01));

        assertThat(linker.link(TestRecords.facility("lighting", "streetlights", "x", FacilityType.STREETLIGHT, LAT, LON),
                LIGHTS_50M)).as("facilities are what others link to").isEqualTo(LinkOutcome.NOT_LINKED);
    }

    @Test
    void aRuleOutOfBoundsIsRefused() {
        assertThatThrownBy(() -> new LinkRule(Set.of(FacilityType.TREE), 0, Map.of(), Optional.empty()))
                .hasMessageContaining("radiusMeters");
        assertThatThrownBy(() -> new LinkRule(Set.of(FacilityType.TREE), 5000, Map.of(), Optional.empty()))
                .hasMessageContaining("at most 1000");
    }
}
