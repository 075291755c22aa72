package civic.exchange.standardizer.app;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.standardizer.topology.StandardizerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code standardizer_records_total{dataset, outcome, code}},
 * {@code standardizer_unknown_codes_total{spec, field}} and
 * {@code standardizer_dropped_values_total{spec, field, code}} on {@code /q/metrics}: the rate of
 * rejects per reason, how often departments send codes their spec does not know yet, and values
 * a spec drops when invalid.
 */
@ApplicationScoped
public class MicrometerStandardizerMetrics implements StandardizerMetrics {

    private final MeterRegistry registry;

    public MicrometerStandardizerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void standardized(Dataset dataset) {
        registry.counter("standardizer.records", "dataset", dataset.qualifiedId(), "outcome", "canonical", "code", "none")
                .increment();
    }

    @Override
    public void rejected(Dataset dataset, ErrorCode code) {
        registry.counter("standardizer.records", "dataset", dataset.qualifiedId(), "outcome", "rejected", "code", code.name())
                .increment();
    }

    @Override
    public void duplicate(Dataset dataset) {
        registry.counter("standardizer.records", "dataset", dataset.qualifiedId(), "outcome", "duplicate", "code", "none")
                .increment();
    }

    @Override
    public void unknownCode(String spec, String field, String code) {
        registry.counter("standardizer.unknown.codes", "spec", spec, "field", field).increment();
    }

    @Override
    public void invalidValue(String spec, String field, ErrorCode code) {
        registry.counter("standardizer.dropped.values", "spec", spec, "field", field, "code", code.name()).increment();
    }
}
