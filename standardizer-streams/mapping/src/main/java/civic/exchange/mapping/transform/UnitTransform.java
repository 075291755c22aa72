package civic.exchange.mapping.transform;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Set;

/**
 * {@code {unit: {from: ft, to: m}}}: a number in one unit to the same quantity in another of the
 * same dimension ({@link Units}). The factor is worked out once; results keep 16 significant digits.
 */
final class UnitTransform extends NumericTransform {

    private final BigDecimal factor;

    private UnitTransform(BigDecimal factor) {
        this.factor = factor;
    }

    static UnitTransform create(Object argument) {
        Arguments args = Arguments.of("unit", argument, null, Set.of("from", "to"));
        Units.Unit from = unit(args, "from");
        Units.Unit to = unit(args, "to");
        if (from.dimension() != to.dimension()) {
            throw new IllegalArgumentException("transform 'unit': cannot convert " + from.symbol() + " ("
                    + from.dimension().name().toLowerCase(java.util.Locale.ROOT) + ") to " + to.symbol() + " ("
                    + to.dimension().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        BigDecimal factor;
        try {
            factor = from.toBase().divide(to.toBase());
        } catch (ArithmeticException e) {
            factor = from.toBase().divide(to.toBase(), MathContext.DECIMAL64);
        }
        return new UnitTransform(factor);
    }

    private static Units.Unit unit(Arguments args, String key) {
        String symbol = args.requiredText(key);
        return Units.find(symbol).orElseThrow(() -> new IllegalArgumentException("transform 'unit': unknown unit '"
                + symbol + "' (known: " + Units.table() + ")"));
    }

    @Override
    public String name() {
        return "unit";
    }

    @Override
    public Object apply(Object value) {
        if (value instanceof String s && s.isBlank()) {
            return null;
        }
        BigDecimal result = Values.decimal(value).multiply(factor, MathContext.DECIMAL64).stripTrailingZeros();
        return result.scale() < 0 ? result.setScale(0) : result;
    }
}
