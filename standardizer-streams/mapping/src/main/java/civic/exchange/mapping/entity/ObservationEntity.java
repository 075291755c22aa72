package civic.exchange.mapping.entity;

import civic.exchange.schema.Observation;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import civic.exchange.topics.CanonicalEntity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code canonical.observation}: a measured value. The record has no attributes map. Its canonical
 * id comes, like every entity's, from the spec's {@code localId}: for observations that local id
 * should name the sensor, the property and the time, e.g.
 * {@code localId: {concat: [refDevice, {literal: "/"}, controlledProperty, {literal: "/"}, dateObserved]}},
 * so that each reading is its own record and a replay gives the same id.
 */
public final class ObservationEntity implements EntityMapping<Observation, Observation.Builder> {

    private static final Map<String, CanonicalField<Observation.Builder>> FIELDS;

    static {
        Map<String, CanonicalField<Observation.Builder>> f = new LinkedHashMap<>();
        add(f, CanonicalField.requiredText("property", Observation.Builder::setProperty));
        add(f, CanonicalField.requiredTimestamp("observedAt", Observation.Builder::setObservedAt));
        add(f, CanonicalField.number("value", Observation.Builder::setValue));
        add(f, CanonicalField.text("textValue", Observation.Builder::setTextValue));
        add(f, CanonicalField.text("unit", Observation.Builder::setUnit));
        add(f, CanonicalField.point("location", Observation.Builder::setLocation));
        FIELDS = Collections.unmodifiableMap(f);
    }

    private static void add(Map<String, CanonicalField<Observation.Builder>> fields, CanonicalField<Observation.Builder> field) {
        fields.put(field.name(), field);
    }

    @Override
    public CanonicalEntity entity() {
        return CanonicalEntity.OBSERVATION;
    }

    @Override
    public Class<Observation> recordClass() {
        return Observation.class;
    }

    @Override
    public Map<String, CanonicalField<Observation.Builder>> fields() {
        return FIELDS;
    }

    @Override
    public boolean hasAttributes() {
        return false;
    }

    @Override
    public Observation.Builder newBuilder() {
        return Observation.newBuilder();
    }

    @Override
    public Observation build(Observation.Builder builder, String id, SourceReference source, Map<String, String> attributes,
                             Provenance provenance) {
        return builder.setId(id).setSource(source).setProvenance(provenance).build();
    }
}
