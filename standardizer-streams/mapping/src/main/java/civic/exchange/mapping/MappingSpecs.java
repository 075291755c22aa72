package civic.exchange.mapping;

import civic.exchange.catalog.Dataset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled specs the standardizer runs with: one per catalogued dataset that has a spec, each
 * compiled against its dataset (two datasets may share a spec file, e.g. any city's Open311 feed).
 */
public final class MappingSpecs {

    private final Map<String, MappingSpec> byDataset;

    private MappingSpecs(Map<String, MappingSpec> byDataset) {
        this.byDataset = Map.copyOf(byDataset);
    }

    public static MappingSpecs of(MappingSpec... specs) {
        return of(List.of(specs));
    }

    public static MappingSpecs of(Collection<MappingSpec> specs) {
        Map<String, MappingSpec> byDataset = new LinkedHashMap<>();
        for (MappingSpec spec : specs) {
            if (byDataset.put(spec.dataset().qualifiedId(), spec) != null) {
                throw new IllegalArgumentException("Two specs given for dataset " + spec.dataset().qualifiedId());
            }
        }
        return new MappingSpecs(byDataset);
    }

    /** The spec compiled for this dataset, if it has one. */
    public Optional<MappingSpec> find(Dataset dataset) {
        return Optional.ofNullable(byDataset.get(dataset.qualifiedId()));
    }

    public Collection<MappingSpec> all() {
        return List.copyOf(byDataset.values());
    }

    public boolean isEmpty() {
        return byDataset.isEmpty();
    }
}
