package civic.exchange.mapping.entity;

import civic.exchange.schema.Provenance;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.schema.SourceReference;
import civic.exchange.topics.CanonicalEntity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code canonical.service-request}: 311 calls, Open311 reports. The facility link
 * ({@code facilityId}, {@code facilityDistanceMeters}) is made downstream by spatial linking, not by
 * a spec: a department's record names its own facility ids, not canonical ones.
 */
public final class ServiceRequestEntity implements EntityMapping<ServiceRequest, ServiceRequest.Builder> {

    private static final Map<String, CanonicalField<ServiceRequest.Builder>> FIELDS;

    static {
        Map<String, CanonicalField<ServiceRequest.Builder>> f = new LinkedHashMap<>();
        add(f, CanonicalField.requiredEnum("status", ServiceRequestStatus.class, ServiceRequest.Builder::setStatus));
        add(f, CanonicalField.text("serviceCode", ServiceRequest.Builder::setServiceCode));
        add(f, CanonicalField.text("serviceName", ServiceRequest.Builder::setServiceName));
        add(f, CanonicalField.text("description", ServiceRequest.Builder::setDescription));
        add(f, CanonicalField.text("statusNotes", ServiceRequest.Builder::setStatusNotes));
        add(f, CanonicalField.text("agencyResponsible", ServiceRequest.Builder::setAgencyResponsible));
        add(f, CanonicalField.text("channel", ServiceRequest.Builder::setChannel));
        add(f, CanonicalField.timestamp("requestedAt", ServiceRequest.Builder::setRequestedAt));
        add(f, CanonicalField.timestamp("updatedAt", ServiceRequest.Builder::setUpdatedAt));
        add(f, CanonicalField.timestamp("expectedAt", ServiceRequest.Builder::setExpectedAt));
        add(f, CanonicalField.timestamp("closedAt", ServiceRequest.Builder::setClosedAt));
        add(f, CanonicalField.text("address", ServiceRequest.Builder::setAddress));
        add(f, CanonicalField.point("location", ServiceRequest.Builder::setLocation));
        add(f, CanonicalField.text("mediaUrl", ServiceRequest.Builder::setMediaUrl));
        FIELDS = Collections.unmodifiableMap(f);
    }

    private static void add(Map<String, CanonicalField<ServiceRequest.Builder>> fields,
                            CanonicalField<ServiceRequest.Builder> field) {
        fields.put(field.name(), field);
    }

    @Override
    public CanonicalEntity entity() {
        return CanonicalEntity.SERVICE_REQUEST;
    }

    @Override
    public Class<ServiceRequest> recordClass() {
        return ServiceRequest.class;
    }

    @Override
    public Map<String, CanonicalField<ServiceRequest.Builder>> fields() {
        return FIELDS;
    }

    @Override
    public ServiceRequest.Builder newBuilder() {
        return ServiceRequest.newBuilder();
    }

    @Override
    public ServiceRequest build(ServiceRequest.Builder builder, String id, SourceReference source,
                                Map<String, String> attributes, Provenance provenance) {
        return builder.setId(id).setSource(source).setAttributes(attributes).setProvenance(provenance).build();
    }
}
