package civic.exchange.mapping.entity;

import civic.exchange.schema.GeoPoint;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * A field of a canonical entity that a mapping spec may fill, with the typed setter of the
 * generated Avro builder it goes through (no reflection per record).
 *
 * @param name     canonical field name as specs write it
 * @param type     what value the field takes
 * @param symbols  for {@link CanonicalType#ENUM}: the Avro enum class; else null
 * @param nullable false when the canonical schema requires a value
 * @param setter   sets the converted value on the builder
 */
public record CanonicalField<B>(String name, CanonicalType type, Class<? extends Enum<?>> symbols, boolean nullable,
                                BiConsumer<B, Object> setter) {

    public enum CanonicalType {
        TEXT, ENUM, TIMESTAMP, POINT, NUMBER
    }

    public static <B> CanonicalField<B> text(String name, BiConsumer<B, String> setter) {
        return new CanonicalField<>(name, CanonicalType.TEXT, null, true, (b, v) -> setter.accept(b, (String) v));
    }

    /** A text the schema requires: the spec must map it, and a record without a value is refused. */
    public static <B> CanonicalField<B> requiredText(String name, BiConsumer<B, String> setter) {
        return new CanonicalField<>(name, CanonicalType.TEXT, null, false, (b, v) -> setter.accept(b, (String) v));
    }

    public static <B> CanonicalField<B> timestamp(String name, BiConsumer<B, Instant> setter) {
        return new CanonicalField<>(name, CanonicalType.TIMESTAMP, null, true, (b, v) -> setter.accept(b, (Instant) v));
    }

    public static <B> CanonicalField<B> requiredTimestamp(String name, BiConsumer<B, Instant> setter) {
        return new CanonicalField<>(name, CanonicalType.TIMESTAMP, null, false, (b, v) -> setter.accept(b, (Instant) v));
    }

    public static <B> CanonicalField<B> point(String name, BiConsumer<B, GeoPoint> setter) {
        return new CanonicalField<>(name, CanonicalType.POINT, null, true, (b, v) -> setter.accept(b, (GeoPoint) v));
    }

    /** A floating-point number (Avro double). */
    public static <B> CanonicalField<B> number(String name, BiConsumer<B, Double> setter) {
        return new CanonicalField<>(name, CanonicalType.NUMBER, null, true, (b, v) -> setter.accept(b, (Double) v));
    }

    /** A required enum field: the spec must map it, and a record without a value is refused. */
    public static <B, E extends Enum<E>> CanonicalField<B> requiredEnum(String name, Class<E> symbols,
                                                                        BiConsumer<B, E> setter) {
        return new CanonicalField<>(name, CanonicalType.ENUM, symbols, false,
                (b, v) -> setter.accept(b, symbols.cast(v)));
    }
}
