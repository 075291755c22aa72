package civic.exchange.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What the bus needs of a Confluent-compatible schema registry. Implementations: {@link HttpSchemaRegistryClient}
 * (any registry speaking Confluent's REST API) and {@link InMemorySchemaRegistryClient} ({@code mock://} URLs in tests).
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Id of a schema already registered under the subject; a 40403 {@link SchemaRegistryException} if it is not. */
    int lookup(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** Latest version registered under the subject. */
    RegisteredSchema latest(String subject);

    /**
     * Sets the subject's own compatibility level ({@code PUT /config/{subject}}), e.g.
     * {@code FULL_TRANSITIVE}; later registrations under the subject are checked against it. A subject
     * needs no version yet to have a level.
     */
    void setCompatibility(String subject, String level);

    /** The subject's own compatibility level ({@code GET /config/{subject}}); empty when it has none (the global level applies). */
    Optional<String> compatibility(String subject);

    @Override
    default void close() {
    }
}
