package civic.exchange.geo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GeoJSON (RFC 7946) shapes the bus takes records in: a dataset catalogued {@code format: geojson}
 * has one Feature per raw record; ingest splits a FeatureCollection into them.
 */
public final class GeoJson {

    private GeoJson() {
    }

    public static boolean isFeature(JsonNode node) {
        return hasType(node, "Feature");
    }

    public static boolean isFeatureCollection(JsonNode node) {
        return hasType(node, "FeatureCollection");
    }

    /** For messages: "a FeatureCollection", "an object without a GeoJSON type", "an array"... */
    public static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (!node.isObject()) {
            return node.isArray() ? "an array" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
        JsonNode type = node.get("type");
        return type != null && type.isTextual() ? "a GeoJSON object of type '" + type.textValue() + "'"
                : "an object without a GeoJSON type";
    }

    private static boolean hasType(JsonNode node, String type) {
        if (node == null || !node.isObject()) {
            return false;
        }
        JsonNode value = node.get("type");
        return value != null && type.equals(value.textValue());
    }
}
