package civic.exchange.standardizer.datasets;

import static civic.exchange.standardizer.datasets.StandardizerDriver.csvHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

/** parks/trees: the real Perth tree inventory (BOM, Web Mercator, mixed-case suburbs) through the topology. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerthTreesSpecTest {

    private static final CsvFile FILE = CsvFile.of("perth-trees-in-the-city.csv");

    private StandardizerDriver driver;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, Facility> canonical;
    /** Every row of the file, standardized once for the class: by local id. */
    private Map<String, TestRecord<String, Facility>> all;

    @BeforeAll
    void standardizeTheWholeFile() {
        driver = new StandardizerDriver(getClass().getSimpleName());
        raw = driver.raw("parks", "trees");
        canonical = driver.canonical(CanonicalEntity.FACILITY, Facility.class);
        int n = 0;
        for (byte[] row : FILE.rows()) {
            raw.pipeInput(new TestRecord<>("row-" + n, row, csvHeaders("parks", "trees", "r-" + n++, FILE.header())));
        }
        all = canonical.readRecordsToList().stream()
                .collect(Collectors.toMap(r -> r.value().getSource().getLocalId(), Function.identity()));
    }

    @AfterAll
    void stop() {
        driver.close();
    }

    private Map<String, Facility> standardizeAll() {
        Map<String, Facility> values = new java.util.HashMap<>();
        all.forEach((id, record) -> values.put(id, record.value()));
        return values;
    }

    @Test
    void everyTreeOfTheRealInventoryBecomesAFacilityInPerth() {
        assertThat(FILE.header()).startsWith(0xEF, 0xBB, 0xBF); // the header row keeps the file's byte-order mark
        Map<String, Facility> trees = standardizeAll();

        assertThat(trees).hasSize(1999);
        assertThat(driver.dlq().isEmpty()).isTrue();
        assertThat(trees.values()).allSatisfy(tree -> {
            assertThat(tree.getType()).isEqualTo(FacilityType.TREE);
            assertThat(tree.getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
            // Web Mercator metres became WGS84 degrees in and around the City of Perth.
            assertThat(tree.getLocation().getLatitude()).isBetween(-32.05, -31.85);
            assertThat(tree.getLocation().getLongitude()).isBetween(115.75, 115.95);
            assertThat(tree.getCommissionedAt()).isNotNull();
        });
        // "PERTH"/"Perth", "WEST PERTH"/"West Perth", "Northbridge " are one suburb each.
        assertThat(trees.values()).extracting(Facility::getAddress).filteredOn(a -> a != null)
                .allSatisfy(suburb -> assertThat(suburb).isEqualTo(suburb.strip().toUpperCase(java.util.Locale.ROOT)));
        assertThat(trees.values()).filteredOn(t -> "WEST PERTH".equals(t.getAddress())).hasSize(977);
        assertThat(trees.values()).filteredOn(t -> "NORTHBRIDGE".equals(t.getAddress())).hasSize(289);
        assertThat(trees.values()).filteredOn(t -> t.getAddress() == null).hasSize(13);
    }

    @Test
    void theFirstTreeIsMappedFieldByField() {
        TestRecord<String, Facility> out = all.get("1918");
        String id = CanonicalIds.of(CanonicalEntity.FACILITY, "parks", "trees", "1918");
        Facility tree = out.value();
        assertThat(out.key()).isEqualTo(id);
        assertThat(tree.getSource().getLocalId()).isEqualTo("1918");
        assertThat(tree.getType()).isEqualTo(FacilityType.TREE);
        assertThat(tree.getStatus()).isEqualTo(FacilityStatus.IN_SERVICE);
        assertThat(tree.getName()).isEqualTo("Pin Oak");
        assertThat(tree.getDescription()).isEqualTo("Quercus palustris");
        assertThat(tree.getAddress()).isEqualTo("PERTH");
        // X 12897674.3239, Y -3757874.2832 (EPSG:3857)
        assertThat(tree.getLocation().getLatitude()).isCloseTo(-31.958575789189467, within(1e-9));
        assertThat(tree.getLocation().getLongitude()).isCloseTo(115.86177974755284, within(1e-9));
        assertThat(tree.getCommissionedAt()).isEqualTo(Instant.parse("2007-08-08T00:00:00Z"));
        assertThat(tree.getObservedAt()).isNull();
        assertThat(tree.getAttributes())
                .containsEntry("heightM", "1.5")
                .containsEntry("botanicalName", "Quercus palustris")
                .containsEntry("family", "Fagaceae")
                .containsEntry("objectId", "1")
                .containsEntry("suburb", "PERTH")
                .containsEntry("rareSpecies", "No")
                .doesNotContainKey("retired");
    }

    @Test
    void quotedNamesMixedCaseSuburbsAndEmptyRowsAreRead() {
        Map<String, Facility> trees = standardizeAll();

        assertThat(trees.get("5498").getName()).as("a quoted value with a comma").isEqualTo("Kurrajong, bottle tree");
        assertThat(trees.get("5498").getAddress()).as("'East Perth'").isEqualTo("EAST PERTH");
        assertThat(trees.get("1920").getAddress()).as("'Perth'").isEqualTo("PERTH");
        assertThat(trees.get("1920").getCommissionedAt()).isEqualTo(Instant.parse("2019-05-10T03:21:27Z"));
        Facility unnamed = trees.get("54163");
        assertThat(unnamed.getAddress()).as("'Northbridge ' with its trailing space").isEqualTo("NORTHBRIDGE");
        assertThat(unnamed.getName()).isNull();
        assertThat(unnamed.getAttributes()).doesNotContainKeys("commonName", "heightM", "rareSpecies");
        assertThat(trees.get("839").getAttributes()).containsEntry("heightM", "12");
    }

    @Test
    void aRetiredFlagAndAnImpossibleHeightAreHandledByTheSpec() {
        String first = new String(FILE.rows().get(0), StandardCharsets.UTF_8);
        assertThat(first).endsWith(",No,No,No,No,");
        raw.pipeInput(new TestRecord<>("k1", (first + "Yes").getBytes(StandardCharsets.UTF_8),
                csvHeaders("parks", "trees", "retired-1", FILE.header())));
        raw.pipeInput(new TestRecord<>("k2", first.replace(",Fagaceae,1.5,", ",Fagaceae,1500,").getBytes(StandardCharsets.UTF_8),
                csvHeaders("parks", "trees", "too-tall-2", FILE.header())));

        assertThat(canonical.readValue().getStatus()).isEqualTo(FacilityStatus.RETIRED);
        TestRecord<String, byte[]> rejected = driver.dlq().readRecord();
        assertThat(StandardizerDriver.errorCode(rejected)).isEqualTo("OUT_OF_RANGE");
        assertThat(StandardizerDriver.header(rejected, civic.exchange.headers.ExchangeHeaders.ERROR_FIELD)).isEqualTo("TREE_HEIGHT");
    }
}
