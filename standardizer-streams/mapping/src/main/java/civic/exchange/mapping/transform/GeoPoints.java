package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import civic.exchange.schema.GeoPoint;

/** Canonical WGS84 points, range-checked. */
final class GeoPoints {

    private GeoPoints() {
    }

    /**
     * @param latitudeField  source field to blame for a bad latitude (null: the pipeline's own)
     * @param longitudeField likewise for the longitude
     * @param hint           appended to a latitude message (e.g. the GeoJSON axis order)
     */
    static GeoPoint wgs84(double latitude, double longitude, String latitudeField, String longitudeField, String hint) {
        if (!Double.isFinite(latitude) || latitude < -90 || latitude > 90) {
            throw new InvalidValueException(ErrorCode.OUT_OF_RANGE, latitudeField,
                    "latitude " + plain(latitude) + " is outside -90..90" + hint);
        }
        if (!Double.isFinite(longitude) || longitude < -180 || longitude > 180) {
            throw new InvalidValueException(ErrorCode.OUT_OF_RANGE, longitudeField,
                    "longitude " + plain(longitude) + " is outside -180..180");
        }
        return new GeoPoint(latitude, longitude);
    }

    /** 123 rather than 123.0 in messages. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** A coordinate from a source value: a number or numeric text. */
    static double coordinate(Object value, String field, String what) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return d;
            }
        } else if (value instanceof String s) {
            try {
                double d = Double.parseDouble(s.strip());
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw new InvalidValueException(ErrorCode.INVALID_VALUE, field, what + " " + Values.describe(value) + " is not a number");
    }
}
