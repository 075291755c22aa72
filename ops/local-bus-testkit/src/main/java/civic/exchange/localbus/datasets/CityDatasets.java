package civic.exchange.localbus.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real city datasets the repository carries in {@code ops/datasets} (sources and terms in its
 * {@code SOURCES.md}), found from any module's working directory, so tests read nothing outside
 * the repository.
 */
public final class CityDatasets {

    /** Overrides where the datasets are read from. */
    public static final String DIR_PROPERTY = "exchange.datasets.dir";
    private static final Path RELATIVE = Path.of("ops", "datasets");

    private CityDatasets() {
    }

    /** The datasets folder: {@code -Dexchange.datasets.dir}, else {@code ops/datasets} in the nearest enclosing repository. */
    public static Path root() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate.resolve("SOURCES.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("ops/datasets not found above " + Path.of("").toAbsolutePath()
                + "; run from inside the repository or set -D" + DIR_PROPERTY + "=<dir>");
    }

    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No dataset " + relative + " in " + root());
        }
        return file;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path fiware(String file) {
        return file("fiware/" + file);
    }

    /** Every FIWARE Smart Data Models example payload, by name. */
    public static List<Path> fiwareFiles() {
        try (Stream<Path> files = Files.list(root().resolve("fiware"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Los Angeles MyLA311 export: header plus 1,999 rows, LF line ends, quoted addresses with commas. */
    public static Path losAngeles311() {
        return file("losangeles-myla311-service-requests.csv");
    }

    /** The City of Perth tree inventory: UTF-8 with a byte-order mark, header plus 1,999 rows, LF line ends. */
    public static Path perthTrees() {
        return file("perth-trees-in-the-city.csv");
    }
}
