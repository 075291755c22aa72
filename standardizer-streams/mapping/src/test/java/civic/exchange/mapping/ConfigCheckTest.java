package civic.exchange.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ConfigCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theShippedCityLoads() {
        assertThat(run()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Configuration loads").contains("8 datasets, 8 with a compiled spec");
    }

    @Test
    void aBrokenCatalogOrSpecIsNamedWithItsPlaceAndFails(@TempDir Path dir) throws IOException {
        Path catalog = Files.writeString(dir.resolve("catalog.yaml"), """
                departments:
                  - id: parks
                    publishes:
                      - {id: trees, format: csv, entity: tree}
                """);
        assertThat(run("--catalog", catalog.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(catalog.toString()).contains("dataset 'trees'")
                .contains("entity 'tree'");

        err.reset();
        Files.writeString(catalog, """
                departments:
                  - id: parks
                    publishes:
                      - {id: trees, format: csv, entity: facility, key: TREE_ID}
                """);
        Path spec = dir.resolve("specs/parks/trees.yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, "version: 1\nfields:\n  colour: COLOUR\n");
        assertThat(run("--catalog", catalog.toString(), "--specs", dir.resolve("specs").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(spec + ":3:").contains("fields.colour");
    }

    @Test
    void aSpecsDirectoryThatIsNotThereFails(@TempDir Path dir) {
        assertThat(run("--specs", dir.resolve("nowhere").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nowhere").contains("the specs directory does not exist");
    }

    @Test
    void badArgumentsAreAUsageError() {
        assertThat(run("--catalog")).isEqualTo(2);
        assertThat(run("--sheet", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }
}
