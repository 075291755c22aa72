package civic.exchange.topics;

/**
 * How large a record each class of topic takes. Provisioning ({@code TopicProvisioner}) sets each
 * topic's {@code max.message.bytes} explicitly from these constants, so the limits are the same on
 * every cluster whatever its broker defaults, and producers size their requests from the same numbers.
 *
 * <p>{@code max.message.bytes} bounds a whole record batch as the broker stores it (after
 * compression): the records' keys, values and headers plus the batch header and per-record framing.
 * A producer sending one record at its limit must therefore stay a margin below the topic's limit;
 * {@link #HEADER_AND_BATCH_ROOM} is that margin everywhere on the bus.
 */
public final class TopicLimits {

    /** Room for headers, the key, per-record framing and the batch header above a record's value. */
    public static final int HEADER_AND_BATCH_ROOM = 64 * 1024;

    /** The largest raw record value HTTP ingest accepts by default ({@code exchange.ingest.max-record-bytes}). */
    public static final int RAW_RECORD_MAX_BYTES = 1024 * 1024;

    /**
     * {@code max.message.bytes} of {@code raw.<department>.<dataset>} topics: the largest raw record
     * plus its headers. 1,114,112 bytes.
     */
    public static final int RAW_MAX_MESSAGE_BYTES = RAW_RECORD_MAX_BYTES + HEADER_AND_BATCH_ROOM;

    /**
     * {@code max.message.bytes} of {@code dlq.<stage>} topics: a DLQ record is a raw record, bytes and
     * headers as they were, plus the error headers (code, message, stage, field, spec, source
     * coordinates). 1,179,648 bytes.
     */
    public static final int DLQ_MAX_MESSAGE_BYTES = RAW_MAX_MESSAGE_BYTES + HEADER_AND_BATCH_ROOM;

    /** {@code max.message.bytes} of {@code canonical.<entity>} topics: 1 MiB. */
    public static final int CANONICAL_MAX_MESSAGE_BYTES = 1024 * 1024;

    /**
     * The largest canonical record the bus publishes: key, value (Confluent wire format, schema id
     * included) and headers together, {@link #HEADER_AND_BATCH_ROOM} below
     * {@link #CANONICAL_MAX_MESSAGE_BYTES} so that batch framing and compression overhead never push a
     * record that passed this check over the topic's limit. 983,040 bytes.
     *
     * <p>It is the bound for the standardizer to check each canonical record against before sending
     * it: a record above it belongs on the DLQ with its reason, like any other record that cannot be
     * standardized; left to the producer, it would fail the send and stop the stream.
     */
    public static final int CANONICAL_RECORD_MAX_BYTES = CANONICAL_MAX_MESSAGE_BYTES - HEADER_AND_BATCH_ROOM;

    /**
     * {@code max.message.bytes} of the bus's own state topics ({@code xref.<entity>},
     * {@code quality.dataset}, the registry's {@code _schemas}): small records, the broker's usual 1 MiB.
     */
    public static final int STATE_MAX_MESSAGE_BYTES = 1024 * 1024;

    private TopicLimits() {
    }
}
