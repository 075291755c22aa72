package civic.exchange.connectors;

import civic.exchange.localbus.datasets.CityDatasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The real department payloads in the repository's {@code ops/datasets}, and the byte-level helpers the CSV tests share. */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    public static Path fiware(String file) {
        return CityDatasets.fiware(file);
    }

    public static Path losAngeles311() {
        return CityDatasets.losAngeles311();
    }

    public static Path perthTrees() {
        return CityDatasets.perthTrees();
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
        return CityDatasets.fiwareFiles();
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
