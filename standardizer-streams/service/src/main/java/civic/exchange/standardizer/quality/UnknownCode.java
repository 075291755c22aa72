package civic.exchange.standardizer.quality;

/** A source code a field's code table did not know, mapped to the spec's fallback symbol. */
public record UnknownCode(String field, String code) {
}
