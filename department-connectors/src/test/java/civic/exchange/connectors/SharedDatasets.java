package civic.exchange.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real department payloads in {@code shared/datasets}, found beside the work tree. */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    public static Path root() {
        String configured = System.getProperty("exchange.shared.datasets");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets");
            if (Files.isDirectory(candidate.resolve("fiware"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/datasets not found above " + Path.of("").toAbsolutePath()
                + "; set -Dexchange.shared.datasets=<dir>");
    }

    public static Path fiware(String file) {
        return root().resolve("fiware").resolve(file);
    }

    public static List<Path> fiwareFiles() {
        try (Stream<Path> files = Files.list(root().resolve("fiware"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
