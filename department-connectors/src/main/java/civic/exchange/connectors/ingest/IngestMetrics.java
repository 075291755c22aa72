package civic.exchange.connectors.ingest;

import civic.exchange.catalog.Dataset;
import civic.exchange.connectors.batch.MemoryBudget;
import civic.exchange.errors.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters for operators: records accepted per dataset, batches refused per error code, requests
 * answered again from their Idempotency-Key, requests refused for want of memory, and the bytes of
 * bodies in memory. Refusals are
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

    /** Requests answered again from their Idempotency-Key, writing nothing. */
    void replayed(Dataset dataset) {
        registry.counter("exchange.ingest.replayed", "department", dataset.department(), "dataset", dataset.id()).increment();
    }

    /** Requests refused because their body did not fit in the memory budget. */
    void overloaded() {
        registry.counter("exchange.ingest.overloaded").increment();
    }

    /** Bytes of bodies in memory now, and the budget they share. */
    public void budget(MemoryBudget budget) {
        registry.gauge("exchange.ingest.body.bytes.in.flight", budget, MemoryBudget::inUse);
        registry.gauge("exchange.ingest.body.bytes.budget", budget, b -> (double) b.capacity());
    }

    void publishFailed(Dataset dataset) {
        registry.counter("exchange.ingest.publish.failed", "department", dataset.department(), "dataset", dataset.id()).increment();
    }
}
