package civic.exchange.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The value at the first of one or more paths that has one. */
public final class PathSource implements ValueSource {

    private final SourcePath[] paths;

    public PathSource(List<SourcePath> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("needs at least one path");
        }
        this.paths = paths.toArray(SourcePath[]::new);
    }

    @Override
    public Object read(JsonNode root) {
        for (SourcePath path : paths) {
            Object value = Values.fromJson(path.at(root));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** "has no 'Stauts' (it has 'Status')" when no path exists in the record, not even empty. */
    @Override
    public String absence(JsonNode root) {
        for (SourcePath path : paths) {
            if (path.at(root) != null) {
                return null;
            }
        }
        StringBuilder why = new StringBuilder("the record has no '").append(paths[0]).append('\'');
        String first = paths[0].firstName();
        if (root != null && root.isObject()) {
            for (var names = root.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals(first) && name.strip().equalsIgnoreCase(first.strip())) {
                    return why.append(" (it has '").append(Values.abbreviate(name)).append("')").toString();
                }
            }
        }
        return why.toString();
    }

    @Override
    public ValueKind kind() {
        return ValueKind.ANY;
    }

    @Override
    public String label() {
        return paths[0].toString();
    }
}
