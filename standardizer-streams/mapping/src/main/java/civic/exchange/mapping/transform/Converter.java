package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import civic.exchange.mapping.api.MappingListener;
import java.util.Map;
import java.util.TreeSet;

/**
 * The last step of a pipeline: from the pipeline's value to the value the canonical field takes.
 * Chosen once per field when the spec is compiled.
 */
@FunctionalInterface
public interface Converter {

    Object convert(Object value, MappingListener listener);

    /** Canonical text fields: scalars as text. */
    Converter TEXT = (value, listener) -> Values.text(value);

    /** Attributes: scalars as text, structured values as compact JSON. */
    Converter ANY_TEXT = (value, listener) -> Values.anyText(value);

    /** Canonical floating-point fields (an observation's value): numbers or numeric text that a double holds. */
    Converter DOUBLE = (value, listener) -> Values.finiteDouble(Values.decimal(value));

    /** Values already of the canonical type (instants, points). */
    Converter IDENTITY = (value, listener) -> value;

    /**
     * Enum fields: the source code looked up in the field's code table (or, without a table, taken
     * as the symbol itself). A code the table lacks is refused, or mapped to {@code unknownSymbol}
     * and reported to the listener.
     */
    static Converter codes(String spec, String field, Map<String, Enum<?>> table, Enum<?> unknownSymbol) {
        Map<String, Enum<?>> codes = Map.copyOf(table);
        String known = String.join(", ", new TreeSet<>(codes.keySet()));
        return (value, listener) -> {
            String code = Values.text(value);
            Enum<?> symbol = codes.get(code);
            if (symbol != null) {
                return symbol;
            }
            if (unknownSymbol != null) {
                listener.unknownCode(spec, field, code);
                return unknownSymbol;
            }
            throw new InvalidValueException(ErrorCode.UNKNOWN_CODE,
                    "code " + Values.describe(code) + " is not in the code table (known: " + Values.abbreviate(known) + ")");
        };
    }
}
