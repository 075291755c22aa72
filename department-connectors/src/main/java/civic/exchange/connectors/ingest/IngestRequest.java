package civic.exchange.connectors.ingest;

import java.io.InputStream;

/**
 * One batch offered to the bus, as a transport received it. The body is read only after the
 * dataset and content type are known to be acceptable.
 *
 * @param department     department id from the address
 * @param dataset        dataset id from the address
 * @param contentType    the Content-Type as sent, or null (then the usual type of the dataset's format: JSON, or text/csv for csv datasets)
 * @param contentLength  the declared body length, or -1
 * @param body           the body, read at most once
 * @param idempotencyKey the sender's Idempotency-Key, or null: a request repeating one answered within the
 *                       window gets the first answer and writes nothing
 * @param requestId      the sender's X-Request-Id, or null; record ids follow from it when there is no Idempotency-Key
 * @param correlationId  the sender's correlation id, or null to make one
 */
public record IngestRequest(String department, String dataset, String contentType, long contentLength,
                            InputStream body, String idempotencyKey, String requestId, String correlationId) {

    /** A request named by a request id (no Idempotency-Key): record ids follow from it, nothing is deduplicated. */
    public IngestRequest(String department, String dataset, String contentType, long contentLength, InputStream body,
                         String requestId, String correlationId) {
        this(department, dataset, contentType, contentLength, body, null, requestId, correlationId);
    }
}
