package civic.exchange.mapping.api;

/** Where something is in a spec file: the file as the loader names it, 1-based line and column. */
public record SpecLocation(String source, int line, int column) {

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
