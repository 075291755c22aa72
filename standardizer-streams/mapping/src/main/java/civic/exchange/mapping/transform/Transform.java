package civic.exchange.mapping.transform;

import java.util.Set;

/**
 * One step of a field's pipeline, configured once when the spec is compiled. {@link #apply} gets a
 * present value and may return null for "absent" (e.g. {@code trim} of blank text). It signals a
 * bad value with {@link InvalidValueException}.
 */
public interface Transform {

    /** The name specs use, for messages. */
    String name();

    /** Kinds of value this step takes. */
    Set<ValueKind> accepts();

    /** Kind of value it gives. */
    ValueKind produces();

    Object apply(Object value);
}
