package civic.exchange.mapping.read;

import civic.exchange.catalog.DatasetFormat;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a raw payload in one format into the tree that spec paths read. Each format is one
 * reader; a spec names its format in {@code input.format}. Readers are immutable (or cache only
 * immutable values), so one instance serves every stream thread.
 */
public interface RecordReader {

    /** The format name as specs and the catalog write it, e.g. {@code ngsi-ld}. */
    DatasetFormat format();

    /**
     * @param headers the raw record's Kafka headers (a CSV row's header row travels there); may be null
     * @throws civic.exchange.errors.RecordRejectedException when the payload is not readable
     *         (INVALID_ENCODING, MALFORMED_JSON, MALFORMED_CSV, INVALID_VALUE)
     */
    JsonNode read(byte[] payload, Charset charset, Headers headers);

    default JsonNode read(byte[] payload, Charset charset) {
        return read(payload, charset, null);
    }
}
