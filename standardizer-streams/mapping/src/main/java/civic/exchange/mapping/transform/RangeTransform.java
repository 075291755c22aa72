package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import java.math.BigDecimal;
import java.util.Set;

/**
 * {@code {range: {min: 0, max: 40}}}: a number outside the bounds (inclusive) is {@code OUT_OF_RANGE}.
 * Takes numbers or numeric text and gives the number.
 */
final class RangeTransform extends NumericTransform {

    private final BigDecimal min;
    private final BigDecimal max;

    private RangeTransform(BigDecimal min, BigDecimal max) {
        this.min = min;
        this.max = max;
    }

    static RangeTransform create(Object argument) {
        Arguments args = Arguments.of("range", argument, null, Set.of("min", "max"));
        BigDecimal min = bound(args, "min");
        BigDecimal max = bound(args, "max");
        if (min == null && max == null) {
            throw new IllegalArgumentException("transform 'range' needs 'min', 'max' or both, e.g. {range: {min: 0, max: 40}}");
        }
        if (min != null && max != null && min.compareTo(max) > 0) {
            throw new IllegalArgumentException("transform 'range': min " + min + " is above max " + max);
        }
        return new RangeTransform(min, max);
    }

    private static BigDecimal bound(Arguments args, String key) {
        String text = args.text(key, null);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transform 'range': '" + key + "' must be a number, not '" + text + "'");
        }
    }

    @Override
    public String name() {
        return "range";
    }

    @Override
    public Object apply(Object value) {
        if (value instanceof String s && s.isBlank()) {
            return null;
        }
        BigDecimal number = Values.decimal(value);
        if (min != null && number.compareTo(min) < 0 || max != null && number.compareTo(max) > 0) {
            throw new InvalidValueException(ErrorCode.OUT_OF_RANGE, Values.numberText(number) + " is outside "
                    + (min == null ? "" : Values.numberText(min)) + ".." + (max == null ? "" : Values.numberText(max)));
        }
        return number;
    }
}
