package civic.exchange.mapping;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The compiled specs the standardizer runs with, by spec id ({@code <department>/<dataset>}). */
public final class MappingSpecs {

    private final Map<String, MappingSpec> specs;

    MappingSpecs(Map<String, MappingSpec> specs) {
        this.specs = Map.copyOf(specs);
    }

    public static MappingSpecs of(MappingSpec... specs) {
        Map<String, MappingSpec> byId = new LinkedHashMap<>();
        for (MappingSpec spec : specs) {
            if (byId.put(spec.id(), spec) != null) {
                throw new IllegalArgumentException("Spec '" + spec.id() + "' given twice");
            }
        }
        return new MappingSpecs(byId);
    }

    public Optional<MappingSpec> find(String id) {
        return Optional.ofNullable(id == null ? null : specs.get(id));
    }

    public Collection<MappingSpec> all() {
        return List.copyOf(specs.values());
    }

    public boolean isEmpty() {
        return specs.isEmpty();
    }
}
