package civic.exchange.mapping.entity;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import civic.exchange.topics.CanonicalEntity;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code canonical.facility}: streetlights, cabinets, trees, containers, parking spots. */
public final class FacilityEntity implements EntityMapping<Facility, Facility.Builder> {

    private static final Map<String, CanonicalField<Facility.Builder>> FIELDS;

    static {
        Map<String, CanonicalField<Facility.Builder>> f = new LinkedHashMap<>();
        add(f, CanonicalField.requiredEnum("type", FacilityType.class, Facility.Builder::setType));
        add(f, CanonicalField.requiredEnum("status", FacilityStatus.class, Facility.Builder::setStatus));
        add(f, CanonicalField.text("name", Facility.Builder::setName));
        add(f, CanonicalField.text("description", Facility.Builder::setDescription));
        add(f, CanonicalField.point("location", Facility.Builder::setLocation));
        add(f, CanonicalField.text("address", Facility.Builder::setAddress));
        add(f, CanonicalField.timestamp("commissionedAt", Facility.Builder::setCommissionedAt));
        add(f, CanonicalField.timestamp("observedAt", Facility.Builder::setObservedAt));
        FIELDS = java.util.Collections.unmodifiableMap(f);
    }

    private static void add(Map<String, CanonicalField<Facility.Builder>> fields, CanonicalField<Facility.Builder> field) {
        fields.put(field.name(), field);
    }

    @Override
    public CanonicalEntity entity() {
        return CanonicalEntity.FACILITY;
    }

    @Override
    public Class<Facility> recordClass() {
        return Facility.class;
    }

    @Override
    public Map<String, CanonicalField<Facility.Builder>> fields() {
        return FIELDS;
    }

    @Override
    public Facility.Builder newBuilder() {
        return Facility.newBuilder();
    }

    @Override
    public Facility build(Facility.Builder builder, String id, SourceReference source, Map<String, String> attributes,
                          Provenance provenance) {
        return builder.setId(id).setSource(source).setAttributes(attributes).setProvenance(provenance).build();
    }
}
