package civic.exchange.mapping.transform;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The units {@code unit: {from, to}} converts between: a small table of length, area, volume,
 * mass, power and energy units, each with its factor to the SI unit of its dimension. Symbols are
 * case-sensitive (mW is not MW).
 */
public final class Units {

    public enum Dimension { LENGTH, AREA, VOLUME, MASS, POWER, ENERGY }

    public record Unit(String symbol, Dimension dimension, BigDecimal toBase) {
    }

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        add(Dimension.LENGTH, "mm", "0.001");
        add(Dimension.LENGTH, "cm", "0.01");
        add(Dimension.LENGTH, "m", "1");
        add(Dimension.LENGTH, "km", "1000");
        add(Dimension.LENGTH, "in", "0.0254");
        add(Dimension.LENGTH, "ft", "0.3048");
        add(Dimension.LENGTH, "yd", "0.9144");
        add(Dimension.LENGTH, "mi", "1609.344");
        add(Dimension.AREA, "cm2", "0.0001");
        add(Dimension.AREA, "m2", "1");
        add(Dimension.AREA, "ha", "10000");
        add(Dimension.AREA, "km2", "1000000");
        add(Dimension.AREA, "ft2", "0.09290304");
        add(Dimension.AREA, "yd2", "0.83612736");
        add(Dimension.AREA, "acre", "4046.8564224");
        add(Dimension.AREA, "mi2", "2589988.110336");
        add(Dimension.VOLUME, "ml", "0.000001");
        add(Dimension.VOLUME, "l", "0.001");
        add(Dimension.VOLUME, "m3", "1");
        add(Dimension.VOLUME, "ft3", "0.028316846592");
        add(Dimension.VOLUME, "gal", "0.003785411784");
        add(Dimension.MASS, "g", "0.001");
        add(Dimension.MASS, "kg", "1");
        add(Dimension.MASS, "t", "1000");
        add(Dimension.MASS, "lb", "0.45359237");
        add(Dimension.POWER, "W", "1");
        add(Dimension.POWER, "kW", "1000");
        add(Dimension.POWER, "MW", "1000000");
        add(Dimension.POWER, "hp", "745.69987158227022");
        add(Dimension.ENERGY, "J", "1");
        add(Dimension.ENERGY, "kJ", "1000");
        add(Dimension.ENERGY, "MJ", "1000000");
        add(Dimension.ENERGY, "Wh", "3600");
        add(Dimension.ENERGY, "kWh", "3600000");
        add(Dimension.ENERGY, "MWh", "3600000000");
    }

    private Units() {
    }

    private static void add(Dimension dimension, String symbol, String toBase) {
        UNITS.put(symbol, new Unit(symbol, dimension, new BigDecimal(toBase)));
    }

    public static Optional<Unit> find(String symbol) {
        return Optional.ofNullable(symbol == null ? null : UNITS.get(symbol));
    }

    /** "length: mm, cm, m, ...; area: ..." for messages and the README. */
    public static String table() {
        return UNITS.values().stream()
                .collect(Collectors.groupingBy(Unit::dimension, LinkedHashMap::new,
                        Collectors.mapping(Unit::symbol, Collectors.joining(", "))))
                .entrySet().stream()
                .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
