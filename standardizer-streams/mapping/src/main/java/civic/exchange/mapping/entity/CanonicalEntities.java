package civic.exchange.mapping.entity;

import civic.exchange.topics.Topics;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The canonical entities this standardizer can produce, by catalog entity id. */
public final class CanonicalEntities {

    private static final Map<String, CanonicalEntity<?, ?>> ENTITIES = Map.of(
            Topics.FACILITY, new FacilityEntity(),
            Topics.SERVICE_REQUEST, new ServiceRequestEntity(),
            Topics.OBSERVATION, new ObservationEntity());

    private CanonicalEntities() {
    }

    public static Optional<CanonicalEntity<?, ?>> find(String name) {
        return Optional.ofNullable(name == null ? null : ENTITIES.get(name));
    }

    public static Set<String> names() {
        return ENTITIES.keySet();
    }
}
