package civic.exchange.mapping.transform;

import java.util.Set;

/** A transform that states its name and kinds once, in its constructor. */
abstract class TypedTransform implements Transform {

    private final String name;
    private final Set<ValueKind> accepts;
    private final ValueKind produces;

    TypedTransform(String name, Set<ValueKind> accepts, ValueKind produces) {
        this.name = name;
        this.accepts = Set.copyOf(accepts);
        this.produces = produces;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<ValueKind> accepts() {
        return accepts;
    }

    @Override
    public final ValueKind produces() {
        return produces;
    }
}
