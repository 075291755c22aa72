package civic.exchange.topics;

import civic.exchange.schema.Facility;
import civic.exchange.schema.Observation;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.WorkOrderEvent;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The canonical entities of the bus: what the catalog's datasets map to, what departments subscribe
 * to, and the Avro schema of each one's {@code canonical.<entity>} topic. The one list of them.
 */
public enum CanonicalEntity {

    FACILITY("facility", Facility.getClassSchema()),
    SERVICE_REQUEST("service-request", ServiceRequest.getClassSchema()),
    WORK_ORDER("work-order", WorkOrderEvent.getClassSchema()),
    OBSERVATION("observation", Observation.getClassSchema());

    private final String id;
    private final Schema schema;

    CanonicalEntity(String id, Schema schema) {
        this.id = id;
        this.schema = schema;
    }

    /** The catalog id, e.g. {@code service-request}: the last part of its topic names. */
    public String id() {
        return id;
    }

    /** The value schema of its canonical topic. */
    public Schema schema() {
        return schema;
    }

    /** {@code canonical.<id>}. */
    public String topic() {
        return Topics.canonical(this);
    }

    public static Optional<CanonicalEntity> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    /** The catalog ids of every entity, for messages that list what is allowed. */
    public static String ids() {
        return Arrays.stream(values()).map(CanonicalEntity::id).toList().toString();
    }

    @Override
    public String toString() {
        return id;
    }
}
