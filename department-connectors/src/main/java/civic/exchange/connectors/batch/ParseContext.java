package civic.exchange.connectors.batch;

import civic.exchange.catalog.Dataset;
import java.nio.charset.Charset;

/**
 * What a {@link RecordBatchParser} knows about the body it reads.
 *
 * @param dataset     the catalog entry the records belong to
 * @param contentType the body's media type as declared (or defaulted) by the sender
 * @param encoding    the character set to decode text bodies with: the dataset's declared encoding
 * @param limits      size bounds the parser enforces while splitting
 */
public record ParseContext(Dataset dataset, ContentType contentType, Charset encoding, BatchLimits limits) {
}
