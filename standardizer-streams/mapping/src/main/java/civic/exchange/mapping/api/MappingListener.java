package civic.exchange.mapping.api;

import civic.exchange.errors.ErrorCode;

/** Hears about records that were mapped but not cleanly (data-quality signals, not errors). */
public interface MappingListener {

    MappingListener NONE = (spec, field, code) -> {
    };

    /** A source code had no entry in the field's code table and was mapped to the spec's fallback symbol. */
    void unknownCode(String spec, String field, String code);

    /**
     * A value the spec marks {@code invalid: drop} could not be used (e.g. a date that is no date):
     * the record went on without it (or with the field's default).
     *
     * @param field the source field whose value was dropped
     * @param code  why the value was unusable
     */
    default void invalidValue(String spec, String field, ErrorCode code) {
    }
}
