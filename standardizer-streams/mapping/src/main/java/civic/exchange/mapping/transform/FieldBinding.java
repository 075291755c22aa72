package civic.exchange.mapping.transform;

import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.entity.CanonicalField;
import com.fasterxml.jackson.databind.JsonNode;

/** A compiled spec entry for one canonical field: its pipeline and the builder setter it feeds. */
public record FieldBinding<B>(CanonicalField<B> target, ValuePipeline pipeline) {

    public void apply(JsonNode root, B builder, MappingListener listener) {
        Object value = pipeline.evaluate(root, listener);
        if (value != null) {
            target.setter().accept(builder, value);
        }
    }
}
