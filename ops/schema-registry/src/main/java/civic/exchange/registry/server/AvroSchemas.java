package civic.exchange.registry.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;

/**
 * Parsing and canonical form of Avro schemas.
 *
 * <p>The canonical text is the parsed schema's {@code toString()}, as Confluent's {@code AvroSchema.canonicalString()}:
 * whitespace and JSON key order vanish, while docs, defaults, aliases and custom properties stay. Avro's
 * {@code SchemaNormalization.toParsingForm} would drop defaults, which decide compatibility, so it cannot serve as
 * the identity of a registered schema. Two schemas are "the same" (same id) when their canonical texts and
 * references are equal.
 */
final class AvroSchemas {

    static final String TYPE = "AVRO";
    static final Set<String> SUPPORTED_TYPES = Set.of(TYPE);

    record Parsed(Schema schema, String canonical) {
    }

    private AvroSchemas() {
    }

    /**
     * @param text        the schema as the client sent it
     * @param referenced  texts of the referenced schemas, dependencies first, so that their named types are known
     *                    when {@code text} mentions them; they are printed by name, not inlined, in the canonical text
     */
    @SuppressWarnings("deprecation") // toString(known, pretty): Avro 1.12 has no other way to print types by reference
    static Parsed parse(String text, List<String> referenced) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        Schema.Parser parser = new Schema.Parser();
        List<Schema> known = new ArrayList<>(referenced.size());
        try {
            for (String reference : referenced) {
                known.add(parser.parse(reference));
            }
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: a referenced schema does not parse: "
                    + e.getMessage());
        }
        try {
            Schema schema = parser.parse(text);
            return new Parsed(schema, known.isEmpty() ? schema.toString() : schema.toString(known, false));
        } catch (RuntimeException e) {
            // Avro reports bad input as SchemaParseException, AvroTypeException or plain runtime exceptions.
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage());
        }
    }

    static Parsed parse(String text) {
        return parse(text, List.of());
    }
}
