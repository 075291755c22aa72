package civic.exchange.mapping.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.TestSpecs;
import civic.exchange.mapping.api.LinkRule;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.schema.FacilityType;
import civic.exchange.topics.CanonicalEntity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code link:} section of a spec: parsed into a {@link LinkRule}, or refused with file, line and field. */
class LinkSectionTest {

    /** A small service-request spec; a link section appended starts at line 14, its entries at 15. */
    private static final String REQUESTS = """
            # hotline/requests
            version: 1
            # service-request records, as the catalog entry says
            # read as json
            # (the catalog's format)
            localId:
              path: id
            fields:
              status:
                const: OPEN
              serviceName: service
            attributes:
              poleNumber: pole
            """;
    private static final Dataset REQUESTS_DATASET = TestSpecs.dataset("hotline/requests", DatasetFormat.JSON,
            CanonicalEntity.SERVICE_REQUEST);

    private static MappingSpec load(String yaml) {
        return TestSpecs.compile(yaml, REQUESTS_DATASET);
    }

    @Test
    void aFullLinkSectionBecomesTheSpecsRule() {
        MappingSpec spec = load(REQUESTS + """
                link:
                  radiusMeters: 50
                  facilityTypes: [STREETLIGHT, CONTROL_CABINET]
                  byService:
                    Dead Tree: [TREE]
                    Overflowing Bin: WASTE_CONTAINER
                  reference:
                    attribute: poleNumber
                    datasets: [lighting/streetlights]
                """);
        LinkRule rule = spec.link().orElseThrow();
        assertThat(rule.radiusMeters()).isEqualTo(50.0);
        assertThat(rule.facilityTypes()).containsExactlyInAnyOrder(FacilityType.STREETLIGHT, FacilityType.CONTROL_CABINET);
        assertThat(rule.byService()).isEqualTo(Map.of("Dead Tree", Set.of(FacilityType.TREE),
                "Overflowing Bin", Set.of(FacilityType.WASTE_CONTAINER)));
        assertThat(rule.reference()).contains(new LinkRule.Reference("poleNumber", List.of("lighting/streetlights")));
        assertThat(rule.typesFor(null, "Dead Tree")).containsExactly(FacilityType.TREE);
        assertThat(rule.typesFor(null, "Graffiti")).hasSize(2);
    }

    @Test
    void aSpecWithoutLinkSectionDoesNotLinkAndAReferenceAloneNeedsNoRadius() {
        assertThat(load(REQUESTS).link()).isEmpty();
        LinkRule rule = load(REQUESTS + """
                link:
                  reference: {attribute: poleNumber, datasets: lighting/streetlights}
                """).link().orElseThrow();
        assertThat(rule.facilityTypes()).isEmpty();
        assertThat(rule.reference()).isPresent();
    }

    @Test
    void mistakesAreRefusedWithLineAndField() {
        assertRefused(REQUESTS + "link:\n  facilityTypes: [STREETLIGHT]\n", 15, "link.radiusMeters", "is required to link by proximity");
        assertRefused(REQUESTS + "link:\n  radiusMeters: 50\n  facilityTypes: [LAMP]\n", 16, "link.facilityTypes",
                "'LAMP' is not a facility type");
        assertRefused(REQUESTS + "link:\n  radiusMeters: 5000\n  facilityTypes: [TREE]\n", 15, "link.radiusMeters",
                "at most 1000");
        assertRefused(REQUESTS + "link:\n  radiusMeters: near\n  facilityTypes: [TREE]\n", 15, "link.radiusMeters",
                "expected a distance in metres");
        assertRefused(REQUESTS + "link:\n  radius: 50\n", 15, "link.radius", "unknown key 'radius'");
        assertRefused(REQUESTS + "link:\n  radiusMeters: 50\n", 15, "link", "links nothing");
        assertRefused(REQUESTS + "link:\n  reference: {attribute: pole, datasets: [lighting/streetlights]}\n", 15,
                "link.reference.attribute", "'pole' is not an attribute of this spec");
        assertRefused(REQUESTS + "link:\n  reference: {attribute: poleNumber, datasets: [streetlights]}\n", 15,
                "link.reference.datasets", "'<department>/<dataset>'");
        assertRefused(REQUESTS + "link:\n  radiusMeters: 50\n  facilityTypes: [TREE]\n  byService: {}\n", 17,
                "link.byService", "lists no service");
    }

    @Test
    void facilitiesAreWhatRecordsLinkTo() {
        String facilities = """
                # lighting/streetlights
                version: 1
                # facility records, as the catalog entry says
                # read as json
                # (the catalog's format)
                localId:
                  path: id
                fields:
                  type:
                    const: STREETLIGHT
                  status:
                    const: IN_SERVICE
                link:
                  radiusMeters: 50
                  facilityTypes: [STREETLIGHT]
                """;
        assertRefused(TestSpecs.dataset("lighting/streetlights", DatasetFormat.JSON, CanonicalEntity.FACILITY), facilities, 13, "link", "not to facility");
    }

    private static void assertRefused(String yaml, int line, String field, String reason) {
        assertRefused(REQUESTS_DATASET, yaml, line, field, reason);
    }

    private static void assertRefused(Dataset dataset, String yaml, int line, String field, String reason) {
        assertThatThrownBy(() -> TestSpecs.compile(yaml, dataset))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
                    assertThat(e.location().line()).as(e.getMessage()).isEqualTo(line);
                    assertThat(e.getMessage()).startsWith("test.yaml:" + line + ":").contains(reason);
                });
    }
}
