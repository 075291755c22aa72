package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Set;

/**
 * A GeoJSON Point {@code {"type":"Point","coordinates":[lon, lat]}} to a WGS84 point, range-checked.
 * {@code {geojson-point: {crs: EPSG:3857}}} reads coordinates [x, y] in another CRS ({@link SpecCrs}).
 */
final class GeoJsonPointTransform extends TypedTransform {

    private static final String AXIS_HINT = " (GeoJSON order is [longitude, latitude])";

    private final SpecCrs crs;

    private GeoJsonPointTransform(SpecCrs crs) {
        super("geojson-point", EnumSet.of(ValueKind.ANY), ValueKind.POINT);
        this.crs = crs;
    }

    static GeoJsonPointTransform create(Object argument) {
        Arguments args = Arguments.of("geojson-point", argument, null, Set.of("crs"));
        String name = args.text("crs", "EPSG:4326");
        SpecCrs crs = SpecCrs.byName(name).orElseThrow(() -> new IllegalArgumentException("transform 'geojson-point': "
                + SpecCrs.refusal(name)));
        return new GeoJsonPointTransform(crs);
    }




    @Override
    public Object apply(Object value) {
        if (!(value instanceof JsonNode node) || !node.isObject()) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE,
                    "expected a GeoJSON Point object, found " + Values.describe(value));
        }
        JsonNode type = node.get("type");
        if (type == null || !"Point".equals(type.asText())) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE,
                    "expected a GeoJSON Point, found type " + (type == null ? "none" : Values.describe(type)));
        }
        JsonNode coordinates = node.get("coordinates");
        if (coordinates == null || !coordinates.isArray() || coordinates.size() < 2
                || !coordinates.get(0).isNumber() || !coordinates.get(1).isNumber()) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE,
                    "a GeoJSON Point needs coordinates [longitude, latitude] as numbers");
        }
        double first = coordinates.get(0).doubleValue();
        double second = coordinates.get(1).doubleValue();
        double[] wgs84 = crs.projected() ? crs.toWgs84(first, second) : crs.toWgs84(second, first);
        return GeoPoints.wgs84(wgs84[0], wgs84[1], null, null, crs.projected() ? "" : AXIS_HINT);
    }
}
