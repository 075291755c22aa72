package civic.exchange.mapping.read;

import civic.exchange.catalog.DatasetFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Headers;

/**
 * An NGSI-LD entity, normalized or keyValues, flattened to the plain tree keyValues would give, so
 * that one spec reads both:
 * <ul>
 *   <li>{@code Property}/{@code GeoProperty} → its {@code value}; {@code Relationship} → its
 *       {@code object}; {@code LanguageProperty} → {@code languageMap}; {@code VocabProperty} →
 *       {@code vocab}; {@code JsonProperty} → {@code json}; {@code ListProperty} → {@code valueList};
 *       {@code ListRelationship} → {@code objectList};</li>
 *   <li>typed literals {@code {"@type":"DateTime","@value":"..."}} → the literal;</li>
 *   <li>a multi-attribute (array of instances) → the default instance (no {@code datasetId}), else the first;</li>
 *   <li>{@code @context} and attribute metadata ({@code observedAt}, {@code unitCode}, ...) are dropped.</li>
 * </ul>
 * Sub-properties of a Property whose value is an object are merged into that object (unless the
 * object has a member of that name): FIWARE's normalized Streetlight example nests
 * {@code deviceInfo} inside {@code municipalityInfo}, where keyValues has it at the top, so specs
 * can list both paths ({@code [deviceInfo.deviceName, municipalityInfo.deviceInfo.deviceName]}).
 */
public class NgsiLdRecordReader implements RecordReader {

    private static final Map<String, String> VALUE_MEMBER = Map.of(
            "Property", "value",
            "GeoProperty", "value",
            "Relationship", "object",
            "LanguageProperty", "languageMap",
            "VocabProperty", "vocab",
            "JsonProperty", "json",
            "ListProperty", "valueList",
            "ListRelationship", "objectList");

    /** Members of an attribute that are about the attribute, not sub-attributes. */
    private static final Set<String> ATTRIBUTE_MEMBERS = Set.of(
            "type", "value", "object", "languageMap", "vocab", "json", "valueList", "objectList",
            "observedAt", "unitCode", "datasetId", "createdAt", "modifiedAt", "deletedAt", "instanceId",
            "lang", "objectType", "@context");

    @Override
    public DatasetFormat format() {
        return DatasetFormat.NGSI_LD;
    }

    @Override
    public JsonNode read(byte[] payload, Charset charset, Headers headers) {
        return flatten((ObjectNode) JsonRecordReader.readObject(payload, charset));
    }

    /**
     * The flat tree of one entity, made in place: the entity's own tree is rewritten (no copy), as
     * it belongs to the one record being read.
     */
    public static ObjectNode flatten(ObjectNode entity) {
        for (Map.Entry<String, JsonNode> member : entity.properties()) {
            String name = member.getKey();
            if (!name.equals("id") && !name.equals("type") && !name.equals("@context")) {
                member.setValue(attributeValue(member.getValue()));
            }
        }
        entity.remove("@context");
        return entity;
    }

    private static JsonNode attributeValue(JsonNode node) {
        if (node.isArray() && !node.isEmpty() && allAttributes(node)) {
            return attributeValue(defaultInstance(node));
        }
        String valueMember = attributeValueMember(node);
        if (valueMember == null) {
            return plain(node);
        }
        JsonNode value = plain(node.path(valueMember));
        if (value instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!ATTRIBUTE_MEMBERS.contains(member.getKey()) && !object.has(member.getKey())
                        && isAttributeLike(member.getValue())) {
                    object.set(member.getKey(), attributeValue(member.getValue()));
                }
            }
        }
        return value;
    }

    /** The member holding an attribute's value, or null if the node is not an NGSI-LD attribute. */
    private static String attributeValueMember(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode type = node.get("type");
        String member = type != null && type.isTextual() ? VALUE_MEMBER.get(type.textValue()) : null;
        return member != null && node.has(member) ? member : null;
    }

    private static boolean isAttributeLike(JsonNode node) {
        return attributeValueMember(node) != null || node.isArray() && !node.isEmpty() && allAttributes(node);
    }

    private static boolean allAttributes(JsonNode array) {
        for (JsonNode item : array) {
            if (attributeValueMember(item) == null) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode defaultInstance(JsonNode instances) {
        for (JsonNode instance : instances) {
            if (!instance.has("datasetId")) {
                return instance;
            }
        }
        return instances.get(0);
    }

    /** A value with typed literals unwrapped, in place. */
    private static JsonNode plain(JsonNode node) {
        if (node.isObject()) {
            JsonNode literal = node.get("@value");
            if (literal != null) {
                return plain(literal);
            }
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (member.getValue().isContainerNode()) {
                    member.setValue(plain(member.getValue()));
                }
            }
            return node;
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isContainerNode()) {
                    array.set(i, plain(array.get(i)));
                }
            }
            return node;
        }
        return node;
    }
}
