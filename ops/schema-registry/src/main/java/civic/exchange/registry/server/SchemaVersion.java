package civic.exchange.registry.server;

import java.util.List;

/**
 * One version of a subject, exactly the value of a SCHEMA record in the schemas topic.
 * {@code schema} is the canonical text (see {@link AvroSchemas}), so equal schemas have equal text.
 * {@code deleted} is carried for soft deletes, which later writes may set.
 */
record SchemaVersion(String subject, int version, int id, String schema, List<SchemaReference> references,
                     boolean deleted) {

    SchemaVersion {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
