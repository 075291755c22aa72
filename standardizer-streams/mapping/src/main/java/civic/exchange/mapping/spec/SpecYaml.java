package civic.exchange.mapping.spec;

import civic.exchange.mapping.api.SpecException;
import civic.exchange.mapping.api.SpecLocation;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a spec file into a {@link SpecNode} tree that remembers where each node was written. */
public final class SpecYaml {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SpecYaml() {
    }

    public static SpecNode read(InputStream in, String source) {
        try (JsonParser parser = FACTORY.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SpecException(new SpecLocation(source, 1, 1), null, "the file is empty");
            }
            SpecNode root = readValue(parser, source);
            if (parser.nextToken() != null) {
                throw new SpecException(location(parser, source), null, "one YAML document per spec file, found more");
            }
            return root;
        } catch (IOException e) {
            SpecLocation where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? at(jpe.getLocation(), source) : new SpecLocation(source, 1, 1);
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            throw new SpecException(where, null, "not valid YAML: " + message, e);
        }
    }

    private static SpecNode readValue(JsonParser p, String source) throws IOException {
        SpecLocation where = location(p, source);
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, SpecNode> entries = new LinkedHashMap<>();
                Map<String, SpecLocation> keys = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    keys.put(key, location(p, source));
                    p.nextToken();
                    entries.put(key, readValue(p, source));
                }
                return new SpecNode.Mapping(entries, keys, where);
            }
            case START_ARRAY -> {
                List<SpecNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, source));
                }
                return new SpecNode.Sequence(items, where);
            }
            case VALUE_NULL -> {
                return new SpecNode.Scalar(null, true, where);
            }
            default -> {
                if (token.isScalarValue()) {
                    return new SpecNode.Scalar(p.getText(), false, where);
                }
                throw new SpecException(where, null, "unexpected YAML token " + token);
            }
        }
    }

    private static SpecLocation location(JsonParser p, String source) {
        return at(p.currentTokenLocation(), source);
    }

    private static SpecLocation at(JsonLocation l, String source) {
        return new SpecLocation(source, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
}
