package civic.exchange.mapping.api;

import java.time.Instant;

/**
 * Where a raw record came from, as its provenance will tell: the catalog dataset, the raw topic
 * coordinates and the ingest headers.
 */
public record RecordOrigin(String department, String dataset, String rawTopic, int rawPartition, long rawOffset,
                           String recordId, String correlationId, Instant ingestedAt) {
}
