package civic.exchange.connectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The Los Angeles MyLA311 export: header plus 1,999 rows, LF line ends, quoted addresses with commas. */
    public static Path losAngeles311() {
        return root().resolve("losangeles-myla311-service-requests.csv");
    }

    /** The City of Perth tree inventory: UTF-8 with a byte-order mark, header plus 1,999 rows, LF line ends. */
    public static Path perthTrees() {
        return root().resolve("perth-trees-in-the-city.csv");
    }

    /**
     * The lines of a file's bytes split at LF, without the terminators and without the empty piece
     * after a final LF: the rows of a CSV file with no line break inside a quoted field.
     */
    public static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
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
