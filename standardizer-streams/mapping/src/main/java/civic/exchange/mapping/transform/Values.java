package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import civic.exchange.schema.GeoPoint;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The values that flow through a field's pipeline: {@code String}, {@code BigDecimal} or another
 * {@code Number}, {@code Boolean}, {@code Instant}, {@code GeoPoint}, or a Jackson object/array
 * node for structured source values. Null means absent.
 */
public final class Values {

    /** Longest number written out digit by digit; longer ones keep their exponent. */
    static final int MAX_PLAIN_NUMBER_LENGTH = 400;

    private Values() {
    }

    /** The pipeline value of a source node; JSON null and missing nodes are absent. */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.isIntegralNumber() ? node.numberValue() : node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node;
    }

    /** Text of a scalar value; objects and arrays are refused. */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof JsonNode) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE, "expected a single value, found " + describe(value)
                    + (((JsonNode) value).isArray() ? " (add the 'join' transform to keep all its items as text)" : ""));
        }
        if (value instanceof GeoPoint) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE, "expected a single value, found a point");
        }
        return scalarText(value);
    }

    /** A number from a number or numeric text (plain {@code BigDecimal} syntax); refuses anything else. */
    public static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Number n) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new InvalidValueException(ErrorCode.INVALID_VALUE, d + " is not a finite number");
                }
                return BigDecimal.valueOf(d);
            }
            return new BigDecimal(n.toString());
        }
        String text = text(value).strip();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE, describe(value) + " is not a number");
        }
    }

    /** Text of any value: scalars as text, objects and arrays as compact JSON (for attributes). */
    public static String anyText(Object value) {
        if (value instanceof JsonNode node) {
            return node.toString();
        }
        if (value instanceof GeoPoint p) {
            return p.getLatitude() + "," + p.getLongitude();
        }
        return value instanceof String s ? s : scalarText(value);
    }

    private static String scalarText(Object value) {
        if (value instanceof BigDecimal d) {
            return numberText(d);
        }
        return String.valueOf(value);
    }

    /**
     * A number as written out ({@code 0.70}, {@code 1500}), unless that would take more than
     * {@value #MAX_PLAIN_NUMBER_LENGTH} characters: a twelve-character {@code 1e2000000000} written out
     * is two billion digits. Such a number keeps its exponent ({@code 1E+2000000000}).
     */
    public static String numberText(BigDecimal number) {
        long plainLength = (long) number.precision() + Math.abs((long) number.scale());
        return plainLength <= MAX_PLAIN_NUMBER_LENGTH ? number.toPlainString() : number.toString();
    }

    /** The number as a double; one beyond a double's range is {@code OUT_OF_RANGE}, not infinity. */
    public static double finiteDouble(BigDecimal number) {
        double d = number.doubleValue();
        if (Double.isInfinite(d)) {
            throw new InvalidValueException(ErrorCode.OUT_OF_RANGE, numberText(number) + " is beyond the range of a double");
        }
        return d;
    }

    /** For messages: what kind of value this is. */
    public static String describe(Object value) {
        if (value instanceof JsonNode node) {
            return node.isArray() ? "an array" : node.isObject() ? "an object" : "'" + node.asText() + "'";
        }
        if (value instanceof String s) {
            return "'" + abbreviate(s) + "'";
        }
        if (value instanceof Instant) {
            return "an instant";
        }
        return String.valueOf(value);
    }

    /** Source text in messages is cut short: DLQ headers stay small whatever the record holds. */
    public static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
