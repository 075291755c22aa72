package civic.exchange.connectors.ingest;

/**
 * How a request was answered.
 *
 * @param status   the HTTP status of the answer (202: the batch is on the bus)
 * @param receipt  what was accepted
 * @param replayed true when the request repeated an Idempotency-Key answered before: the first
 *                 answer, given again, and nothing written this time
 */
public record IngestOutcome(int status, IngestReceipt receipt, boolean replayed) {
}
