package civic.exchange.mapping.transform;

/**
 * What a value is at some step of a field's pipeline. The spec compiler checks that each transform
 * gets a kind it accepts and that the last step gives what the canonical field needs, so that a
 * spec mapping a GeoJSON object straight into a text field is refused at load, not per record.
 */
public enum ValueKind {
    /** Straight from the source: text, number, boolean, or a JSON object/array. */
    ANY("a source value"),
    TEXT("text"),
    NUMBER("a number"),
    INSTANT("an instant"),
    POINT("a point");

    private final String description;

    ValueKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
