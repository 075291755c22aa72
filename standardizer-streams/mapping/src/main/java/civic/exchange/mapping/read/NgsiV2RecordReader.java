package civic.exchange.mapping.read;

import civic.exchange.catalog.DatasetFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Headers;

/**
 * An NGSI v2 entity (FIWARE Orion), normalized or keyValues, flattened to the plain tree keyValues
 * would give, so that one spec reads both:
 * <ul>
 *   <li>an attribute {@code {"type": ..., "value": ..., "metadata": {...}}} → its {@code value};</li>
 *   <li>{@code geo:json} values are GeoJSON already; a {@code geo:point} value {@code "lat, lon"}
 *       becomes a GeoJSON Point, so {@code geojson-point} reads either;</li>
 *   <li>each attribute's metadata values are kept under {@code @metadata.<attribute>.<name>}
 *       (e.g. {@code @metadata.status.timestamp}), where a spec can read them;</li>
 *   <li>{@code id} and {@code type} stay as they are.</li>
 * </ul>
 * An attribute is taken as normalized only if it is an object with a {@code value} and no members
 * other than {@code type}, {@code value} and {@code metadata}; anything else is a keyValues value.
 */
public class NgsiV2RecordReader implements RecordReader {

    /** Where attribute metadata goes in the flat tree. '@' cannot start an NGSI v2 attribute name. */
    public static final String METADATA = "@metadata";

    private static final Set<String> ATTRIBUTE_MEMBERS = Set.of("type", "value", "metadata");

    @Override
    public DatasetFormat format() {
        return DatasetFormat.NGSI_V2;
    }

    @Override
    public JsonNode read(byte[] payload, Charset charset, Headers headers) {
        return flatten((ObjectNode) JsonRecordReader.readObject(payload, charset));
    }

    /** The flat tree of one entity; subtrees are shared with the parsed entity, not copied. */
    public static ObjectNode flatten(ObjectNode entity) {
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        ObjectNode metadata = null;
        for (Map.Entry<String, JsonNode> member : entity.properties()) {
            String name = member.getKey();
            JsonNode node = member.getValue();
            if (name.equals("id") || name.equals("type") || !isAttribute(node)) {
                flat.set(name, node);
                continue;
            }
            flat.set(name, value(node));
            JsonNode meta = node.get("metadata");
            if (meta != null && meta.isObject() && !meta.isEmpty()) {
                ObjectNode values = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> item : meta.properties()) {
                    JsonNode v = item.getValue();
                    values.set(item.getKey(), isAttribute(v) ? v.get("value") : v);
                }
                if (metadata == null) {
                    metadata = JsonNodeFactory.instance.objectNode();
                }
                metadata.set(name, values);
            }
        }
        if (metadata != null) {
            flat.set(METADATA, metadata);
        }
        return flat;
    }

    private static boolean isAttribute(JsonNode node) {
        if (!node.isObject() || !node.has("value")) {
            return false;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!ATTRIBUTE_MEMBERS.contains(member.getKey())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode value(JsonNode attribute) {
        JsonNode value = attribute.get("value");
        JsonNode type = attribute.get("type");
        if (type != null && "geo:point".equals(type.asText()) && value.isTextual()) {
            JsonNode point = geoPoint(value.textValue());
            return point != null ? point : value;
        }
        return value;
    }

    /** {@code "43.46, -3.80"} (latitude first, as NGSI v2 writes it) to a GeoJSON Point; null if it is not one. */
    private static JsonNode geoPoint(String text) {
        int comma = text.indexOf(',');
        if (comma < 0) {
            return null;
        }
        try {
            BigDecimal latitude = new BigDecimal(text.substring(0, comma).strip());
            BigDecimal longitude = new BigDecimal(text.substring(comma + 1).strip());
            ObjectNode point = JsonNodeFactory.instance.objectNode();
            point.put("type", "Point");
            point.putArray("coordinates").add(longitude).add(latitude);
            return point;
        } catch (NumberFormatException e) {
            return null; // left as text: geojson-point then refuses it with INVALID_VALUE
        }
    }
}
