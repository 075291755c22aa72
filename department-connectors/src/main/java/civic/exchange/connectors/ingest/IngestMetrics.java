package civic.exchange.connectors.ingest;

import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters for operators: records accepted per dataset, batches refused per error code. Refusals are
 * not tagged with the department or dataset from the address, which any client can make up.
 */
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(Dataset dataset, int records) {
        registry.counter("exchange.ingest.batches", "department", dataset.department(), "dataset", dataset.id()).increment();
        registry.counter("exchange.ingest.records", "department", dataset.department(), "dataset", dataset.id()).increment(records);
    }

    void rejected(ErrorCode code) {
        registry.counter("exchange.ingest.rejected", "code", code.name()).increment();
    }

    void publishFailed(Dataset dataset) {
        registry.counter("exchange.ingest.publish.failed", "department", dataset.department(), "dataset", dataset.id()).increment();
    }
}
