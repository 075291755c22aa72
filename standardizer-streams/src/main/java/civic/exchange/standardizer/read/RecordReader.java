package civic.exchange.standardizer.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;

/**
 * Turns a raw payload in one format into the tree that spec paths read. Each format is one
 * reader; a spec names its format in {@code input.format}.
 */
public interface RecordReader {

    /** The format name as specs and the catalog write it, e.g. {@code ngsi-ld}. */
    String format();

    /**
     * @throws civic.exchange.errors.RecordRejectedException when the payload is not readable
     *         (INVALID_ENCODING, MALFORMED_JSON, INVALID_VALUE)
     */
    JsonNode read(byte[] payload, Charset charset);
}
