package civic.exchange.standardizer.topology;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.mapping.api.MappingListener;

/** Counts what the standardizer does, per dataset. The service backs it with Micrometer. */
public interface StandardizerMetrics extends MappingListener {

    StandardizerMetrics NONE = new StandardizerMetrics() {
        @Override
        public void standardized(Dataset dataset) {
        }

        @Override
        public void rejected(Dataset dataset, ErrorCode code) {
        }

        @Override
        public void unknownCode(String spec, String field, String code) {
        }
    };

    void standardized(Dataset dataset);

    void rejected(Dataset dataset, ErrorCode code);

    /** A record dropped because its record id was already standardized. */
    default void duplicate(Dataset dataset) {
    }
}
