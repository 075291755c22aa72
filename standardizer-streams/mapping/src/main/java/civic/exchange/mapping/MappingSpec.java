package civic.exchange.mapping;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.catalog.Dataset;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.mapping.api.LinkRule;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.mapping.entity.CanonicalLimits;
import civic.exchange.mapping.read.RecordReader;
import civic.exchange.mapping.transform.EntityMapper;
import civic.exchange.mapping.transform.ValuePipeline;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import civic.exchange.topics.CanonicalEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * A compiled mapping spec: reader, local-id pipeline and entity mapper, built once at load. Mapping
 * a record does no parsing of the spec and no reflection. Thread-safe (immutable).
 */
public final class MappingSpec {

    /**
     * Largest raw record the standardizer takes (1 MiB, what raw topics are sized for). A bigger one
     * is {@code PAYLOAD_TOO_LARGE}: its canonical record would not fit the canonical topic either.
     */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final Dataset dataset;
    private final int version;
    private final String source;
    private final RecordReader reader;
    private final ZoneId zone;
    private final ValuePipeline localId;
    private final EntityMapper<?, ?> mapper;
    private final Optional<LinkRule> link;

    MappingSpec(Dataset dataset, int version, String source, RecordReader reader, ZoneId zone,
                ValuePipeline localId, EntityMapper<?, ?> mapper, Optional<LinkRule> link) {
        this.dataset = dataset;
        this.version = version;
        this.source = source;
        this.reader = reader;
        this.zone = zone;
        this.localId = localId;
        this.mapper = mapper;
        this.link = link;
    }

    /** Spec id, {@code <department>/<dataset>}: its place among the specs, the dataset's {@code mapping}. */
    public String id() {
        return dataset.mapping();
    }

    /** The catalog's dataset this spec was compiled for: its format, encoding, CSV layout and entity. */
    public Dataset dataset() {
        return dataset;
    }

    public int version() {
        return version;
    }

    /** The canonical entity its records are. */
    public CanonicalEntity entity() {
        return mapper.entity().entity();
    }

    public Class<? extends SpecificRecord> recordClass() {
        return mapper.entity().recordClass();
    }

    public DatasetFormat format() {
        return reader.format();
    }

    /** The dataset's encoding, as its catalog entry declares it. */
    public Charset encoding() {
        return dataset.encoding();
    }

    /** The zone of date-times written without offset ({@code input.zone}). */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /** How the dataset's records are linked to facilities ({@code link:}); empty when they are not. */
    public Optional<LinkRule> link() {
        return link;
    }

    /** Where the spec was loaded from. */
    public String source() {
        return source;
    }

    /**
     * Maps one raw payload that needs no record headers (every format but header-row CSV).
     *
     * @throws RecordRejectedException when the record cannot be standardized
     */
    public Mapped map(byte[] payload, Charset charset, RecordOrigin origin, MappingListener listener) {
        return map(payload, null, charset, origin, listener);
    }

    /**
     * Maps one raw record.
     *
     * @param headers the raw record's headers (a CSV row's header row travels there); may be null
     * @param charset how the payload is encoded: the record's own content type, else the dataset's
     *                encoding; null for the dataset's
     * @throws RecordRejectedException when the record cannot be standardized
     */
    public Mapped map(byte[] payload, Headers headers, Charset charset, RecordOrigin origin, MappingListener listener) {
        JsonNode root = read(payload, headers, charset);
        String local = (String) localId.evaluate(root, listener);
        String canonicalId = CanonicalIds.of(entity(), origin.department(), origin.dataset(), local);
        SourceReference sourceRef = new SourceReference(origin.department(), origin.dataset(), local);
        Provenance provenance = Provenance.newBuilder()
                .setDepartment(origin.department())
                .setDataset(origin.dataset())
                .setRawTopic(origin.rawTopic())
                .setRawPartition(origin.rawPartition())
                .setRawOffset(origin.rawOffset())
                .setRecordId(origin.recordId())
                .setCorrelationId(origin.correlationId())
                .setIngestedAt(origin.ingestedAt())
                .setMappingSpec(id())
                .setMappingVersion(version)
                .build();
        SpecificRecord record = mapper.map(root, canonicalId, sourceRef, provenance, listener);
        CanonicalLimits.check(record);
        return new Mapped(canonicalId, local, record);
    }

    /**
     * Reads one raw record into the tree the spec maps from, without mapping it: what the format's
     * reader makes of the bytes (strict: duplicate members and malformed text are refused).
     *
     * @throws RecordRejectedException when the record cannot be read
     */
    public JsonNode read(byte[] payload, Headers headers, Charset charset) {
        if (payload != null && payload.length > MAX_RECORD_BYTES) {
            throw new RecordRejectedException(ErrorCode.PAYLOAD_TOO_LARGE, null, "the record has " + payload.length
                    + " bytes; the standardizer takes at most " + MAX_RECORD_BYTES);
        }
        return reader.read(payload, charset != null ? charset : dataset.encoding(), headers);
    }

    /** A standardized record with its canonical id (the record key) and the source's local id. */
    public record Mapped(String id, String localId, SpecificRecord record) {
    }

    @Override
    public String toString() {
        return id() + " v" + version + " (" + format() + " -> " + entity() + ", " + source + ")";
    }
}
