package civic.exchange.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.CatalogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ops/bus tells the standardizer to wait for when it runs with a catalog of one's own. */
class CatalogTopicsTest {

    @Test
    void everyTopicProvisioningCreatesForTheCatalog(@TempDir Path dir) throws IOException {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), """
                departments:
                  - id: parks
                    publishes:
                      - {id: vienna-trees, format: csv, encoding: ISO-8859-1, delimiter: ";", entity: facility}
                """);

        List<String> topics = List.of(CatalogTopics.topics(catalog.toString()).split(","));

        assertThat(topics).contains("raw.parks.vienna-trees", "canonical.facility", "xref.facility", "quality.dataset",
                "dlq.standardizer").doesNotContain("raw.lighting.streetlights");
    }

    @Test
    void aBrokenCatalogSaysWhereItIsBroken(@TempDir Path dir) throws IOException {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), "departments: []\n");
        assertThatThrownBy(() -> CatalogTopics.topics(catalog.toString())).isInstanceOf(CatalogException.class)
                .hasMessageContaining("lists no departments");
    }
}
