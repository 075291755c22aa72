package civic.exchange.mapping.entity;

import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import civic.exchange.topics.CanonicalEntity;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * How a spec maps onto one canonical entity: which of its fields a spec may fill, and how to build
 * the record around them. Id, source, attributes and provenance are the engine's, not the spec's.
 *
 * @param <R> the generated Avro class
 * @param <B> its generated builder
 */
public interface EntityMapping<R extends SpecificRecord, B> {

    CanonicalEntity entity();

    Class<R> recordClass();

    /** The fields a spec may map, by canonical name. */
    Map<String, CanonicalField<B>> fields();

    /** Whether the record has an {@code attributes} map a spec's {@code attributes:} fill. */
    default boolean hasAttributes() {
        return true;
    }

    B newBuilder();

    /**
     * Completes and builds the record. The generated builder checks every field against the
     * schema (non-null fields, enum symbols): a failure here is a schema violation.
     */
    R build(B builder, String id, SourceReference source, Map<String, String> attributes, Provenance provenance);
}
