package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Text or number to an exact decimal. {@code number} reads plain numbers ({@code 1234.5}, {@code -3e2});
 * {@code {number: {decimal: ",", grouping: "."}}} reads numbers written the European way
 * ({@code 1.234,5}). Blank text is absent; anything else that is not a number is {@code INVALID_VALUE}.
 */
final class NumberTransform extends NumericTransform {

    private final char decimal;
    private final Character grouping;

    private NumberTransform(char decimal, Character grouping) {
        this.decimal = decimal;
        this.grouping = grouping;
    }

    static NumberTransform create(Object argument) {
        Arguments args = Arguments.of("number", argument, null, Set.of("decimal", "grouping"));
        Character decimal = args.character("decimal");
        Character grouping = args.character("grouping");
        char d = decimal == null ? '.' : decimal;
        if (grouping != null && grouping == d) {
            throw new IllegalArgumentException("transform 'number': the decimal and grouping separators must differ");
        }
        if (Character.isDigit(d) || d == '-' || d == '+' || grouping != null && (Character.isDigit(grouping)
                || grouping == '-' || grouping == '+')) {
            throw new IllegalArgumentException("transform 'number': a separator cannot be a digit or a sign");
        }
        return new NumberTransform(d, grouping);
    }

    @Override
    public String name() {
        return "number";
    }

    @Override
    public Object apply(Object value) {
        if (value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Number) {
            return Values.decimal(value);
        }
        String text = Values.text(value).strip();
        if (text.isEmpty()) {
            return null;
        }
        String plain = normalize(text);
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(ErrorCode.INVALID_VALUE, Values.describe(value) + " is not a number"
                    + (decimal != '.' ? " written with decimal separator '" + decimal + "'" : ""));
        }
    }

    /** Grouping separators dropped, the decimal separator made a point. */
    private String normalize(String text) {
        if (decimal == '.' && grouping == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean fraction = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (grouping != null && c == grouping) {
                if (fraction) {
                    return "?"; // grouping inside the fraction: "1,234.5" read with decimal ','
                }
                continue;
            }
            if (c == decimal) {
                fraction = true;
                out.append('.');
            } else if (c == '.' && decimal != '.') {
                out.append('?'); // a point that is not the decimal separator makes the text no number
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
