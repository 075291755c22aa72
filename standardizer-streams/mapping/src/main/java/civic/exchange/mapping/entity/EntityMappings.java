package civic.exchange.mapping.entity;

import civic.exchange.topics.CanonicalEntity;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How specs map onto each canonical entity a dataset can be standardized into. */
public final class EntityMappings {

    private static final Map<CanonicalEntity, EntityMapping<?, ?>> MAPPINGS = Map.of(
            CanonicalEntity.FACILITY, new FacilityEntity(),
            CanonicalEntity.SERVICE_REQUEST, new ServiceRequestEntity(),
            CanonicalEntity.OBSERVATION, new ObservationEntity());

    private EntityMappings() {
    }

    public static Optional<EntityMapping<?, ?>> find(CanonicalEntity entity) {
        return Optional.ofNullable(entity == null ? null : MAPPINGS.get(entity));
    }

    /** The entities a spec can map to (work orders are events of the maintenance service, not mapped data). */
    public static Set<CanonicalEntity> entities() {
        return MAPPINGS.keySet();
    }
}
