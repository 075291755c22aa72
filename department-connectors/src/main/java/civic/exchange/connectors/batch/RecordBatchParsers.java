package civic.exchange.connectors.batch;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import java.util.List;
import java.util.Optional;

/** The parsers a connector knows, chosen by the body's media type and the dataset's catalog format. */
public final class RecordBatchParsers {

    private final List<RecordBatchParser> parsers;

    public RecordBatchParsers(List<RecordBatchParser> parsers) {
        this.parsers = List.copyOf(parsers);
    }

    public Optional<RecordBatchParser> find(ContentType contentType) {
        return parsers.stream().filter(p -> p.supports(contentType)).findFirst();
    }

    /** The parser for this media type, or a 415-style rejection listing what is accepted. */
    public RecordBatchParser require(ContentType contentType) {
        return find(contentType).orElseThrow(() -> new BatchRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type '" + contentType.mediaType() + "' is not accepted; use one of " + supportedMediaTypes(),
                BatchRejectedException.detail()
                        .with("contentType", contentType.mediaType())
                        .with("supported", supportedMediaTypes())
                        .map()));
    }

    /**
     * The parser for this media type that reads bodies of the dataset's format, or a 415-style
     * rejection that names the types accepted for that dataset (a CSV body for a JSON dataset, or
     * the reverse, is refused this way).
     */
    public RecordBatchParser require(ContentType contentType, Dataset dataset) {
        List<String> accepted = mediaTypesFor(dataset.format());
        Optional<RecordBatchParser> parser = find(contentType);
        if (parser.isEmpty()) {
            throw new BatchRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type '" + contentType.mediaType() + "' is not accepted; " + dataset.qualifiedId()
                            + " (" + dataset.format() + ") takes " + describe(accepted),
                    BatchRejectedException.detail()
                            .with("contentType", contentType.mediaType())
                            .with("format", dataset.format().id())
                            .with("supported", accepted)
                            .map());
        }
        if (!parser.get().datasetFormats().contains(dataset.format())) {
            throw new BatchRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Dataset " + dataset.qualifiedId() + " is published as " + dataset.format() + ", not as '"
                            + contentType.mediaType() + "': send " + describe(accepted),
                    BatchRejectedException.detail()
                            .with("contentType", contentType.mediaType())
                            .with("format", dataset.format().id())
                            .with("supported", accepted)
                            .map());
        }
        return parser.get();
    }

    /**
     * The media type a body without Content-Type is read as: the usual type of the dataset's
     * format ({@code text/csv} for a csv dataset), else JSON.
     */
    public ContentType defaultContentType(Dataset dataset) {
        return mediaTypesFor(dataset.format()).stream().findFirst()
                .flatMap(ContentType::parse)
                .orElse(ContentType.JSON);
    }

    /** Media types whose parser reads datasets of this catalog format, the usual one first. */
    public List<String> mediaTypesFor(DatasetFormat datasetFormat) {
        return parsers.stream().filter(p -> p.datasetFormats().contains(datasetFormat))
                .flatMap(p -> p.mediaTypes().stream()).distinct().toList();
    }

    public List<String> supportedMediaTypes() {
        return parsers.stream().flatMap(p -> p.mediaTypes().stream()).distinct().toList();
    }

    private static String describe(List<String> types) {
        return types.isEmpty() ? "no body type this service reads" : "one of " + types;
    }
}
