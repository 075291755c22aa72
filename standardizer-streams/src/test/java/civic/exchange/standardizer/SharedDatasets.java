package civic.exchange.standardizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real public datasets in the project's shared folder (see shared/datasets/SOURCES.md). */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("shared.datasets.dir", "../../shared/datasets"));
    }

    public static byte[] bytes(String relative) {
        Path file = dir().resolve(relative);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Shared dataset missing: " + file.toAbsolutePath(), e);
        }
    }

    /** FIWARE Streetlight, NGSI-LD normalized (URN id, deviceInfo nested in municipalityInfo). */
    public static byte[] streetlightNormalized() {
        return bytes("fiware/fiware-Streetlight-normalized-ngsild.json");
    }

    /** FIWARE Streetlight, keyValues (bare id). */
    public static byte[] streetlightKeyValues() {
        return bytes("fiware/fiware-Streetlight-keyvalues.json");
    }

    public static String streetlightKeyValuesText() {
        return new String(streetlightKeyValues(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
