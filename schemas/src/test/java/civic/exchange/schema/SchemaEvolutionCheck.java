package civic.exchange.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * The promise of canonical topics: a new schema version reads every released version's data
 * (backward) and every released reader reads the new version's data (forward), i.e. FULL_TRANSITIVE,
 * decided by Avro's own compatibility checker.
 */
final class SchemaEvolutionCheck {

    private SchemaEvolutionCheck() {
    }

    /** Parses a folder of .avsc files, shared records (common/ or names listed first) before the rest. */
    static Map<String, Schema> parseFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> avsc = files.filter(p -> p.toString().endsWith(".avsc"))
                    .sorted(Comparator.comparing((Path p) -> !isShared(p)).thenComparing(Path::toString))
                    .toList();
            Schema.Parser parser = new Schema.Parser();
            Map<String, Schema> schemas = new LinkedHashMap<>();
            for (Path file : avsc) {
                Schema schema = parser.parse(file.toFile());
                schemas.put(schema.getFullName(), schema);
            }
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isShared(Path p) {
        String name = p.getFileName().toString();
        return p.toString().contains("common") || name.equals("GeoPoint.avsc") || name.equals("SourceReference.avsc")
                || name.equals("Provenance.avsc");
    }

    /** Problems of {@code current} against {@code released}, each naming the direction, field and reason; empty when compatible. */
    static List<String> problems(String label, Schema released, Schema current) {
        List<String> problems = new ArrayList<>();
        describe(problems, label + ": new readers cannot read data written with the released schema",
                SchemaCompatibility.checkReaderWriterCompatibility(current, released));
        describe(problems, label + ": released readers cannot read data written with the new schema",
                SchemaCompatibility.checkReaderWriterCompatibility(released, current));
        return problems;
    }

    private static void describe(List<String> problems, String what, SchemaCompatibility.SchemaPairCompatibility result) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(what + " — field '" + fieldPath(result.getReader(), incompatibility.getLocation()) + "': "
                    + incompatibility.getType() + " (" + incompatibility.getMessage() + ") at " + incompatibility.getLocation());
        }
    }

    /** Turns Avro's JSON-pointer location ("/fields/3/type/1/fields/0") into a field path ("Facility.location.latitude"). */
    static String fieldPath(Schema root, String location) {
        StringBuilder path = new StringBuilder(root.getName());
        Schema current = root;
        String[] tokens = location.split("/");
        for (int i = 1; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.equals("fields") && current.getType() == Schema.Type.RECORD && i + 1 < tokens.length && isIndex(tokens[i + 1])) {
                Schema.Field field = current.getFields().get(Integer.parseInt(tokens[++i]));
                path.append('.').append(field.name());
                current = field.schema();
            } else if (token.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (token.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (isIndex(token) && current.getType() == Schema.Type.UNION) {
                current = current.getTypes().get(Integer.parseInt(token));
            } else if (!token.equals("type")) {
                path.append(" (").append(token).append(')');
            }
        }
        return path.toString();
    }

    private static boolean isIndex(String token) {
        return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
    }
}
