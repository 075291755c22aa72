package civic.exchange.connectors.ingest;

/**
 * What the bus accepted: every record of the batch is committed on {@code topic}.
 *
 * @param accepted      number of records written
 * @param department    owning department
 * @param dataset       dataset id
 * @param topic         the raw topic written to
 * @param correlationId carried by every record of the batch
 */
public record IngestReceipt(int accepted, String department, String dataset, String topic, String correlationId) {
}
