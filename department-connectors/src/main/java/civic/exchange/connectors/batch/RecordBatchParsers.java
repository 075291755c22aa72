package civic.exchange.connectors.batch;

import civic.exchange.errors.ErrorCode;
import java.util.List;
import java.util.Optional;

/** The parsers a connector knows, chosen by the body's media type. */
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

    public List<String> supportedMediaTypes() {
        return parsers.stream().flatMap(p -> p.mediaTypes().stream()).distinct().toList();
    }
}
