package civic.exchange.registry.server;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility;

/**
 * Decides whether a candidate schema may follow the earlier versions of a subject under a compatibility level,
 * using Avro's own reader/writer resolution rules. The answer is a list of messages in Confluent's shape;
 * empty means compatible.
 */
final class CompatibilityChecker {

    /** An earlier live version of the subject. */
    record Previous(int version, Schema schema) {
    }

    private CompatibilityChecker() {
    }

    /**
     * @param previous the subject's live versions, oldest first; a non-transitive level only looks at the last one
     */
    static List<String> check(CompatibilityLevel level, Schema candidate, List<Previous> previous) {
        if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
            return List.of();
        }
        int oldest = level.transitive ? 0 : previous.size() - 1;
        // Newest first, like Confluent: the most relevant conflict is reported.
        for (int i = previous.size() - 1; i >= oldest; i--) {
            Previous old = previous.get(i);
            List<String> messages = new ArrayList<>();
            if (level.backward) {
                messages.addAll(describe(candidate, old.schema(), "new", "old"));
            }
            if (level.forward) {
                messages.addAll(describe(old.schema(), candidate, "old", "new"));
            }
            if (!messages.isEmpty()) {
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema() + "'}");
                messages.add("{compatibility: '" + level + "'}");
                return messages;
            }
        }
        return List.of();
    }

    private static List<String> describe(Schema reader, Schema writer, String readerName, String writerName) {
        List<String> messages = new ArrayList<>();
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'"
                    + description(incompatibility, readerName, writerName) + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
        return messages;
    }

    private static String description(Incompatibility incompatibility, String reader, String writer) {
        String path = incompatibility.getLocation();
        String detail = incompatibility.getMessage();
        return switch (incompatibility.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> "The field '" + detail + "' at path '" + path + "' in the " + reader
                    + " schema has no default value and is missing in the " + writer + " schema";
            case TYPE_MISMATCH -> "The type (path '" + path + "') of a field in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case NAME_MISMATCH -> "The name of the schema has changed (path '" + path + "')";
            case FIXED_SIZE_MISMATCH -> "The size of FIXED type field at path '" + path + "' in the " + reader
                    + " schema does not match with the " + writer + " schema";
            case MISSING_ENUM_SYMBOLS -> "The " + reader + " schema is missing enum symbols '" + detail + "' at path '"
                    + path + "' in the " + writer + " schema";
            case MISSING_UNION_BRANCH -> "The " + reader + " schema is missing a type inside a union field at path '"
                    + path + "' in the " + writer + " schema";
        };
    }
}
