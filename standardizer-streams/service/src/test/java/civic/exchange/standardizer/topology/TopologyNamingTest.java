package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.catalog.Dataset;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.MappingSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a dataset must not rename, and so not reset, anything of the others: node, store and
 * repartition topic names come from the dataset, never from the order of building.
 */
class TopologyNamingTest {

    private static final StandardizerTopology.Settings SETTINGS =
            new StandardizerTopology.Settings("mock://naming", StandardizerMetrics.NONE);

    private final MappingSpecs all = TopologyHarness.specs(null);

    @Test
    void addingTheLastDatasetChangesNothingThatRuns() {
        List<Dataset> datasets = TopologyHarness.CATALOG.datasets();
        String last = datasets.get(datasets.size() - 1).mapping();
        Topology before = StandardizerTopology.build(TopologyHarness.CATALOG, without(last), SETTINGS);
        Topology after = StandardizerTopology.build(TopologyHarness.CATALOG, all, SETTINGS);

        // Appended at the end: even the sub-topology numbers (task ids, state directories) stay.
        Map<Integer, String> kept = byId(after.describe());
        byId(before.describe()).forEach((id, subtopology) -> assertThat(kept.get(id)).as("sub-topology " + id).isEqualTo(subtopology));
        assertThat(after.describe().subtopologies()).hasSize(before.describe().subtopologies().size() + 2);
        assertThat(after.describe().globalStores()).isEqualTo(before.describe().globalStores());
    }

    @Test
    void addingADatasetInTheMiddleRenamesNothing() {
        String middle = TopologyHarness.CATALOG.datasets().get(2).mapping();
        TopologyDescription before = StandardizerTopology.build(TopologyHarness.CATALOG, without(middle), SETTINGS).describe();
        TopologyDescription after = StandardizerTopology.build(TopologyHarness.CATALOG, all, SETTINGS).describe();

        // Sub-topologies after it are numbered one further (their state is restored from the
        // changelogs, whose names do not change); their nodes, stores and topics are the same.
        assertThat(withoutIds(after)).containsAll(withoutIds(before));
        assertThat(stores(after)).containsAll(stores(before));
        assertThat(names(after)).containsAll(names(before));
    }

    @Test
    void linkingADatasetChangesNoOtherDataset(@TempDir Path specs) {
        String requests = "hotline/ngsi-service-requests";
        TopologyHarness.writeSpec(specs, requests, TopologyHarness.shippedSpec(requests)
                + "\nlink:\n  radiusMeters: 25\n  facilityTypes: [STREETLIGHT]\n");
        TopologyDescription before = StandardizerTopology.build(TopologyHarness.CATALOG, all, SETTINGS).describe();
        TopologyDescription after = StandardizerTopology.build(TopologyHarness.CATALOG, TopologyHarness.specs(specs), SETTINGS)
                .describe();

        Set<String> changed = new TreeSet<>(withoutIds(after));
        changed.removeAll(withoutIds(before));
        assertThat(changed).hasSize(1).allSatisfy(s -> assertThat(s).contains("hotline.ngsi-service-requests.link"));
        assertThat(byId(after).keySet()).isEqualTo(byId(before).keySet());
    }

    @Test
    void everyNodeStoreAndTopicIsNamedAfterItsDatasetOrItsGlobalStore() {
        TopologyDescription description = StandardizerTopology.build(TopologyHarness.CATALOG, all, SETTINGS).describe();
        List<String> prefixes = new ArrayList<>();
        for (Dataset dataset : TopologyHarness.CATALOG.datasets()) {
            if (all.find(dataset).isPresent()) {
                prefixes.add(StandardizerTopology.nodePrefix(dataset));
            }
        }
        prefixes.add(FacilityStores.SPATIAL_INDEX);
        prefixes.add(FacilityStores.XREF);
        assertThat(names(description)).allSatisfy(name ->
                assertThat(prefixes).as(name).anySatisfy(prefix -> assertThat(name).startsWith(prefix)));
        assertThat(stores(description)).allSatisfy(name ->
                assertThat(prefixes).as(name).anySatisfy(prefix -> assertThat(name).startsWith(prefix)));
        assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        // the shipped specs link by proximity (LA 311 to streetlights), none by reference
        assertThat(stores(description)).contains("lighting.streetlights.quality-counts", "lighting.streetlights.quality-latest",
                "facility.spatial-index").doesNotContain("xref.facility");
        assertThat(description.toString()).contains("lighting.streetlights.quality-snapshots-repartition");
    }

    @Test
    void theFirstSpecToLinkByReferenceAddsTheCrossReferenceStoreAndRenumbersNoDataset(@TempDir Path specs) {
        String requests = "hotline/ngsi-service-requests";
        TopologyHarness.writeSpec(specs, requests, TopologyHarness.shippedSpec(requests)
                + "\nlink:\n  reference:\n    attribute: addressId\n    datasets: [lighting/streetlights]\n");
        TopologyDescription before = StandardizerTopology.build(TopologyHarness.CATALOG, all, SETTINGS).describe();
        TopologyDescription after = StandardizerTopology.build(TopologyHarness.CATALOG, TopologyHarness.specs(specs), SETTINGS)
                .describe();

        assertThat(stores(before)).doesNotContain(FacilityStores.XREF);
        assertThat(stores(after)).contains(FacilityStores.XREF, FacilityStores.SPATIAL_INDEX);
        Map<Integer, String> kept = byId(after);
        byId(before).forEach((id, subtopology) -> {
            if (!subtopology.contains("hotline.ngsi-service-requests.")) {
                assertThat(kept.get(id)).as("sub-topology " + id).isEqualTo(subtopology);
            }
        });
    }

    @Test
    void withoutLinkingSpecsThereIsNoGlobalStoreToKeepUp() {
        MappingSpecs unlinked = MappingSpecs.of(all.all().stream().filter(s -> s.link().isEmpty()).toArray(MappingSpec[]::new));
        TopologyDescription description = StandardizerTopology.build(TopologyHarness.CATALOG, unlinked, SETTINGS).describe();
        assertThat(description.globalStores()).isEmpty();
        assertThat(description.subtopologies()).isNotEmpty();
    }

    private MappingSpecs without(String specId) {
        return MappingSpecs.of(all.all().stream().filter(s -> !s.id().equals(specId)).toArray(MappingSpec[]::new));
    }

    /** Each sub-topology as text (nodes, stores, topics, edges), by id. */
    private static Map<Integer, String> byId(TopologyDescription description) {
        Map<Integer, String> byId = new TreeMap<>();
        description.subtopologies().forEach(s -> byId.put(s.id(), s.toString()));
        return byId;
    }

    /** Each sub-topology as text, without its number. */
    private static Set<String> withoutIds(TopologyDescription description) {
        return description.subtopologies().stream()
                .map(s -> s.toString().replaceFirst("Sub-topology: \\d+", "Sub-topology"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(TopologyDescription description) {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        description.globalStores().forEach(g -> {
            names.add(g.source().name());
            names.add(g.processor().name());
        });
        return names;
    }

    private static Set<String> stores(TopologyDescription description) {
        Set<String> stores = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            }
        }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        return stores;
    }
}
