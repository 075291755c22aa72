package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A Unix time to a UTC instant: {@code epoch} (seconds, as sensors and MQTT payloads send them) or
 * {@code {epoch: millis}} (as ArcGIS feature services and JavaScript write dates). A number or
 * numeric text; a fraction is kept to the nanosecond. Blank text is absent; anything else, or a
 * time no instant can hold, is {@code INVALID_DATE}.
 */
final class EpochTransform extends TypedTransform {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** More integer digits than any instant's milliseconds have. */
    private static final int MAX_INTEGER_DIGITS = 22;
    private static final int MAX_TEXT_LENGTH = 64;

    private final long unitsPerSecond;
    private final String unit;

    private EpochTransform(long unitsPerSecond, String unit) {
        super("epoch", EnumSet.of(ValueKind.ANY, ValueKind.TEXT, ValueKind.NUMBER), ValueKind.INSTANT);
        this.unitsPerSecond = unitsPerSecond;
        this.unit = unit;
    }

    static EpochTransform create(Object argument) {
        Arguments args = Arguments.of("epoch", argument, "unit", Set.of("unit"));
        String unit = args.text("unit", "seconds");
        return switch (unit) {
            case "seconds", "s" -> new EpochTransform(1, "seconds");
            case "millis", "ms" -> new EpochTransform(1_000, "milliseconds");
            default -> throw new IllegalArgumentException("transform 'epoch': unit '" + unit
                    + "' is not one of seconds, millis");
        };
    }




    @Override
    public Object apply(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            long units = ((Number) value).longValue();
            return instant(Math.floorDiv(units, unitsPerSecond),
                    Math.floorMod(units, unitsPerSecond) * (NANOS_PER_SECOND / unitsPerSecond), value);
        }
        if (value instanceof String text) {
            if (text.isBlank()) {
                return null;
            }
            if (text.length() > MAX_TEXT_LENGTH) {
                throw notATime(value); // no Unix time is written with that many characters
            }
        }
        BigDecimal units;
        try {
            units = Values.decimal(value);
        } catch (InvalidValueException e) {
            throw notATime(value);
        }
        // 1e999999999 and 1e-999999999 are valid decimals: settle them before scaling would write out their digits.
        if (units.precision() - units.scale() > MAX_INTEGER_DIGITS) {
            throw outOfRange(value);
        }
        if (units.scale() - units.precision() > MAX_INTEGER_DIGITS) {
            units = BigDecimal.ZERO; // below a nanosecond
        }
        BigDecimal nanos = units.multiply(BigDecimal.valueOf(NANOS_PER_SECOND / unitsPerSecond)).setScale(0, RoundingMode.FLOOR);
        BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(BigDecimal.valueOf(NANOS_PER_SECOND));
        if (secondsAndNanos[1].signum() < 0) {
            secondsAndNanos[0] = secondsAndNanos[0].subtract(BigDecimal.ONE);
            secondsAndNanos[1] = secondsAndNanos[1].add(BigDecimal.valueOf(NANOS_PER_SECOND));
        }
        try {
            return instant(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact(), value);
        } catch (ArithmeticException e) {
            throw outOfRange(value);
        }
    }

    private Instant instant(long seconds, long nanos, Object value) {
        Instant instant;
        try {
            instant = Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw outOfRange(value);
        }
        return TimestampTransform.withinYears(instant, value);
    }

    private InvalidValueException notATime(Object value) {
        return new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(value) + " is not a Unix time in " + unit);
    }

    private InvalidValueException outOfRange(Object value) {
        return new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(value) + " " + unit
                + " since 1970 is beyond the dates an instant holds");
    }
}
