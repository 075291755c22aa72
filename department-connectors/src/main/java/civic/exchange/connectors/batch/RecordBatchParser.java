package civic.exchange.connectors.batch;

import civic.exchange.catalog.DatasetFormat;
import java.util.List;
import java.util.Set;

/**
 * Splits one body into records, the seam for every body format an inbound connector accepts.
 *
 * <p>A parser reads the WHOLE body and either returns every record or throws
 * {@link BatchRejectedException}: connectors publish only complete, validated batches, so a
 * rejected batch leaves nothing on the bus. Text formats decode with {@link StrictDecoder} in the
 * dataset's declared encoding; binary formats (spreadsheets) read the bytes themselves.
 *
 * <p>To accept a new format implement this interface as an {@code @ApplicationScoped} bean:
 * {@link RecordBatchParsers} picks it up by media type, and offers it only for datasets whose
 * catalog format it names in {@link #datasetFormats()}.
 */
public interface RecordBatchParser {

    /** Whether this parser reads bodies of this media type. */
    boolean supports(ContentType contentType);

    /** Media types to list when a body's type is refused, the usual one first, e.g. {@code application/json}. */
    List<String> mediaTypes();

    /**
     * The catalog formats ({@code Dataset.format()}) of the
     * datasets this parser reads bodies for; a body for a dataset of another format is refused
     * (415) before it is read.
     */
    Set<DatasetFormat> datasetFormats();

    /**
     * All records of the body, in order; at least one. An empty body, or one without records, is
     * refused with the format's own "malformed" code.
     */
    List<ParsedRecord> parse(byte[] body, ParseContext context);
}
