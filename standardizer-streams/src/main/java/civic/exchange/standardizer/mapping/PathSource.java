package civic.exchange.standardizer.mapping;

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

    @Override
    public ValueKind kind() {
        return ValueKind.ANY;
    }

    @Override
    public String label() {
        return paths[0].toString();
    }
}
