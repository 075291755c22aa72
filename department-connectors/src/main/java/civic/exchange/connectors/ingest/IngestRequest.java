package civic.exchange.connectors.ingest;

import java.io.InputStream;

/**
 * One batch offered to the bus, as a transport received it. The body is read only after the
 * dataset and content type are known to be acceptable.
 *
 * @param department    department id from the address
 * @param dataset       dataset id from the address
 * @param contentType   the Content-Type as sent, or null (then the usual type of the dataset's format: JSON, or text/csv for csv datasets)
 * @param contentLength the declared body length, or -1
 * @param body          the body, read at most once
 * @param requestKey    the sender's name for this request (Idempotency-Key or X-Request-Id), or null
 * @param correlationId the sender's correlation id, or null to make one
 */
public record IngestRequest(String department, String dataset, String contentType, long contentLength,
                            InputStream body, String requestKey, String correlationId) {
}
