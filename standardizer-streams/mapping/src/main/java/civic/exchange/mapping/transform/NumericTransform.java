package civic.exchange.mapping.transform;

import java.util.Set;

/** A transform that reads any scalar and yields a number (number parsing, ranges, units). */
abstract class NumericTransform implements Transform {

    @Override
    public final Set<ValueKind> accepts() {
        return Transforms.SCALARS;
    }

    @Override
    public final ValueKind produces() {
        return ValueKind.NUMBER;
    }
}
