package civic.exchange.mapping;

import civic.exchange.catalog.CsvLayout;
import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Catalog datasets and specs written inline, for tests of the mapping language. */
public final class TestSpecs {

    private TestSpecs() {
    }

    /** A dataset of the catalog: {@code department/dataset}, UTF-8, its spec at the same id. */
    public static Dataset dataset(String qualifiedId, DatasetFormat format, CanonicalEntity entity) {
        return dataset(qualifiedId, format, entity, StandardCharsets.UTF_8, CsvLayout.DEFAULT);
    }

    public static Dataset dataset(String qualifiedId, DatasetFormat format, CanonicalEntity entity, Charset encoding,
                                  CsvLayout csv) {
        String[] parts = qualifiedId.split("/", 2);
        return new Dataset(parts[0], parts[1], "test", format, encoding, entity, qualifiedId, csv);
    }

    /** Compiles {@code yaml} (named {@code test.yaml} in messages) for {@code dataset}. */
    public static MappingSpec compile(String yaml, Dataset dataset) {
        return SpecLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", dataset);
    }
}
