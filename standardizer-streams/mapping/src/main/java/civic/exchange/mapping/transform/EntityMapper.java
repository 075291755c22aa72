package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.entity.EntityMapping;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;

/** Builds one canonical entity from a source tree with a spec's compiled field and attribute bindings. */
public final class EntityMapper<R extends SpecificRecord, B> {

    private final EntityMapping<R, B> entity;
    private final List<FieldBinding<B>> fields;
    private final Map<String, ValuePipeline> attributes;
    /** Sized so that a record's attribute map never rehashes. */
    private final int capacity;

    public EntityMapper(EntityMapping<R, B> entity, List<FieldBinding<B>> fields, Map<String, ValuePipeline> attributes) {
        this.entity = entity;
        this.fields = List.copyOf(fields);
        this.attributes = new LinkedHashMap<>(attributes);
        this.capacity = (int) (attributes.size() / 0.75f) + 1;
    }

    public EntityMapping<R, B> entity() {
        return entity;
    }

    public R map(JsonNode root, String id, SourceReference source, Provenance provenance, MappingListener listener) {
        B builder = entity.newBuilder();
        for (FieldBinding<B> field : fields) {
            field.apply(root, builder, listener);
        }
        Map<String, String> values = new LinkedHashMap<>(capacity);
        for (Map.Entry<String, ValuePipeline> attribute : attributes.entrySet()) {
            Object value = attribute.getValue().evaluate(root, listener);
            if (value != null) {
                values.put(attribute.getKey(), (String) value);
            }
        }
        try {
            return entity.build(builder, id, source, values, provenance);
        } catch (AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new RecordRejectedException(ErrorCode.SCHEMA_VIOLATION, null,
                    "the mapped record does not fit the canonical schema " + entity.recordClass().getSimpleName()
                            + ": " + e.getMessage(), e);
        }
    }
}
