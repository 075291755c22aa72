package civic.exchange.standardizer.mapping;

/** Hears about records that were mapped but not cleanly (data-quality signals, not errors). */
public interface MappingListener {

    MappingListener NONE = (spec, field, code) -> {
    };

    /** A source code had no entry in the field's code table and was mapped to the spec's fallback symbol. */
    void unknownCode(String spec, String field, String code);
}
