package civic.exchange.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.provision.ProvisionSettings;
import civic.exchange.provision.TopicProvisioner;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class ExchangeCatalogTest {

    @Test
    void shippedCatalogDeclaresTheStreetlightDataset() {
        ExchangeCatalog catalog = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);
        Dataset streetlights = catalog.dataset("lighting", "streetlights").orElseThrow();
        assertThat(streetlights.rawTopic()).isEqualTo("raw.lighting.streetlights");
        assertThat(streetlights.canonicalTopic()).isEqualTo("canonical.facility");
        assertThat(streetlights.entity()).isEqualTo(CanonicalEntity.FACILITY);
        assertThat(streetlights.format()).isEqualTo(DatasetFormat.NGSI_LD);
        assertThat(streetlights.mapping()).isEqualTo("lighting/streetlights");
        assertThat(streetlights.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(catalog.department("maintenance").orElseThrow().subscribes()).contains("canonical.facility");
        assertThat(catalog.dataset("lighting", "nope")).isEmpty();
        assertThat(catalog.dataset("nobody", "streetlights")).isEmpty();
    }

    @Test
    void topicPlanCoversRawCanonicalAndDlqTopics() {
        ExchangeCatalog catalog = ExchangeCatalog.fromClasspath(ExchangeCatalog.DEFAULT_RESOURCE);
        assertThat(TopicProvisioner.plan(catalog, ProvisionSettings.defaults())).extracting(NewTopic::name)
                .contains("raw.lighting.streetlights", "canonical.facility", "canonical.service-request",
                        "canonical.work-order", "canonical.observation", "dlq.standardizer", "dlq.facility-events", "xref.facility",
                        "quality.dataset", "ingest.idempotency", "_schemas")
                .doesNotHaveDuplicates();
    }

    @Test
    void refusesBadEntriesNamingFileAndEntry() {
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: Lighting
                """)).isInstanceOf(CatalogException.class).hasMessageContaining("test.yaml").hasMessageContaining("'Lighting'");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: lighting
                    publishes:
                      - {id: lamps, format: xml, entity: facility}
                """)).hasMessageContaining("dataset 'lamps'").hasMessageContaining("format 'xml'");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: lighting
                  - id: lighting
                """)).hasMessageContaining("declared twice");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: lighting
                    subscribes: [raw.parks.trees]
                """)).hasMessageContaining("canonical.<entity>").hasMessageContaining("'raw.parks.trees'");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: lighting
                    subscribes: [canonical.bridges]
                """)).hasMessageContaining("'canonical.bridges'").hasMessageContaining("facility");
        assertThat(parse("""
                departments:
                  - id: lighting
                    subscribes: [canonical.service-request, restricted.service-request]
                """).department("lighting").orElseThrow().subscribes()).hasSize(2);
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: lighting
                    publishes:
                      - {id: lamps, format: json, entity: lamp}
                """)).hasMessageContaining("dataset 'lamps'").hasMessageContaining("entity 'lamp'")
                .hasMessageContaining("service-request");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: lighting
                    publishes:
                      - {id: lamps, format: csv, entity: facility, encoding: NOT-A-CHARSET}
                """)).hasMessageContaining("unknown encoding");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: finance
                    publishes:
                      - {id: export, format: csv, entity: facility, encoding: UTF-16, delimiter: "\\t"}
                """)).hasMessageContaining("byte-order mark").hasMessageContaining("UTF-16LE");
        assertThat(parse("""
                departments:
                  - id: finance
                    publishes:
                      - {id: export, format: csv, entity: facility, encoding: UTF-16LE, delimiter: "\\t"}
                """).datasets().get(0).encoding()).isEqualTo(java.nio.charset.StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> parse("departments: [")).hasMessageContaining("Invalid exchange catalog test.yaml");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: lighting
                    colour: blue
                """)).hasMessageContaining("colour");
    }

    @Test
    void gbkLedgerDatasetKeepsItsEncoding() {
        ExchangeCatalog catalog = parse("""
                departments:
                  - id: parks
                    publishes:
                      - {id: ledger, format: csv, entity: facility, encoding: GBK}
                """);
        assertThat(catalog.dataset("parks", "ledger").orElseThrow().encoding().name()).isEqualTo("GBK");
    }

    @Test
    void aCsvDatasetMayDeclareItsDelimiterAndNoOtherMay() {
        ExchangeCatalog catalog = parse("""
                departments:
                  - id: parks
                    publishes:
                      - {id: cadastre, format: csv, encoding: ISO-8859-1, entity: facility, delimiter: ";"}
                      - {id: tabs, format: csv, entity: facility, delimiter: "\\t"}
                      - {id: trees, format: csv, entity: facility, key: TREE_ID}
                """);
        assertThat(catalog.dataset("parks", "cadastre").orElseThrow().delimiter()).isEqualTo(';');
        assertThat(catalog.dataset("parks", "tabs").orElseThrow().delimiter()).isEqualTo('\t');
        assertThat(catalog.dataset("parks", "trees").orElseThrow().delimiter()).isEqualTo(',');

        String entry = """
                departments:
                  - id: parks
                    publishes:
                      - {id: cadastre, format: %s, entity: facility, delimiter: '%s'}
                """;
        assertThatThrownBy(() -> parse(entry.formatted("json", ";"))).isInstanceOf(CatalogException.class)
                .hasMessageContaining("dataset 'cadastre': [delimiter] apply to csv datasets only");
        assertThatThrownBy(() -> parse(entry.formatted("csv", ";;"))).isInstanceOf(CatalogException.class)
                .hasMessageContaining("delimiter ';;' must be one character");
        assertThatThrownBy(() -> parse(entry.formatted("csv", "\""))).isInstanceOf(CatalogException.class)
                .hasMessageContaining("the delimiter, quote and escape characters must differ");
    }

    @Test
    void aCsvDatasetDeclaresItsWholeLayoutOnce() {
        ExchangeCatalog catalog = parse("""
                departments:
                  - id: public-works
                    publishes:
                      - id: pump-ledger
                        format: csv
                        encoding: GBK
                        entity: facility
                        delimiter: ";"
                        quote: none
                        escape: "\\\\"
                        header: false
                        columns: [编号, 名称, 状态]
                """);
        CsvLayout layout = catalog.dataset("public-works", "pump-ledger").orElseThrow().csv();
        assertThat(layout).isEqualTo(new CsvLayout(';', null, '\\', List.of("编号", "名称", "状态")));
        assertThat(layout.hasHeaderRow()).isFalse();
        assertThat(parse("""
                departments:
                  - id: parks
                    publishes: [{id: trees, format: csv, entity: facility, key: TREE_ID}]
                """).dataset("parks", "trees").orElseThrow().csv()).isEqualTo(CsvLayout.DEFAULT);

        String entry = """
                departments:
                  - id: public-works
                    publishes:
                      - {id: pumps, format: %s, entity: facility, %s}
                """;
        assertThatThrownBy(() -> parse(entry.formatted("csv", "header: true, columns: [a, b]")))
                .hasMessageContaining("dataset 'pumps'").hasMessageContaining("drop 'columns'");
        assertThatThrownBy(() -> parse(entry.formatted("csv", "header: false")))
                .hasMessageContaining("must name the columns");
        assertThatThrownBy(() -> parse(entry.formatted("csv", "header: false, columns: [a, a]")))
                .hasMessageContaining("column 'a' is named twice");
        assertThatThrownBy(() -> parse(entry.formatted("csv", "delimiter: ';', quote: ';'")))
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> parse(entry.formatted("csv", "quote: '<<'")))
                .hasMessageContaining("quote '<<' must be one character");
        assertThatThrownBy(() -> parse(entry.formatted("json", "columns: [a]")))
                .hasMessageContaining("[columns] apply to csv datasets only");
        assertThatThrownBy(() -> parse(entry.formatted("csv", "sheet: 1")))
                .hasMessageContaining("sheet");
    }

    @Test
    void aRefusalNamesTheLineOfItsEntry() {
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: parks
                    publishes:
                      - id: trees
                        format: csv
                        entity: facility
                      - id: benches
                        format: csv
                        entity: bench
                """)).hasMessageStartingWith("test.yaml:7: department 'parks', dataset 'benches': entity 'bench'");
        assertThatThrownBy(() -> parse("""
                departments:
                  - id: parks
                  - {id: parks}
                """)).hasMessageStartingWith("test.yaml:3: department 'parks'").hasMessageContaining("declared twice");
    }

    @Test
    void aKeyIsParsedOnceWithTheSpecsPathSyntax() {
        String entry = """
                departments:
                  - id: parks
                    publishes:
                      - {id: trees, format: %s, entity: facility, key: %s}
                """;
        assertThat(parse(entry.formatted("csv", "'Baum-Nr\\.'")).datasets().get(0).key())
                .containsExactly(new MemberPath("Baum-Nr\\.", List.of("Baum-Nr.")));
        assertThat(parse(entry.formatted("json", "[properties.ref, id]")).datasets().get(0).key())
                .extracting(MemberPath::names).containsExactly(List.of("properties", "ref"), List.of("id"));
        assertThatThrownBy(() -> parse(entry.formatted("json", "'a..b'")))
                .hasMessageStartingWith("test.yaml:4: department 'parks', dataset 'trees': key: path 'a..b' has an empty segment");
        assertThatThrownBy(() -> parse(entry.formatted("csv", "properties.ref")))
                .hasMessageContaining("key 'properties.ref' of a csv dataset names a column");
    }

    private static ExchangeCatalog parse(String yaml) {
        return ExchangeCatalog.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
