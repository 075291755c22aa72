package civic.exchange.standardizer;

import civic.exchange.localbus.datasets.CityDatasets;
import java.nio.file.Path;

/** The real public datasets in the repository's {@code ops/datasets} (see its SOURCES.md). */
public final class SharedDatasets {

    private SharedDatasets() {
    }

    public static Path dir() {
        return CityDatasets.root();
    }

    public static byte[] bytes(String relative) {
        return CityDatasets.bytes(relative);
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
