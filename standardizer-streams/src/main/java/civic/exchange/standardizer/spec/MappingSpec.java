package civic.exchange.standardizer.spec;

import civic.exchange.ids.CanonicalIds;
import civic.exchange.schema.Provenance;
import civic.exchange.schema.SourceReference;
import civic.exchange.standardizer.mapping.EntityMapper;
import civic.exchange.standardizer.mapping.MappingListener;
import civic.exchange.standardizer.mapping.RecordOrigin;
import civic.exchange.standardizer.mapping.ValuePipeline;
import civic.exchange.standardizer.read.RecordReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import org.apache.avro.specific.SpecificRecord;

/**
 * A compiled mapping spec: reader, local-id pipeline and entity mapper, built once at load. Mapping
 * a record does no parsing of the spec and no reflection. Thread-safe (immutable).
 */
public final class MappingSpec {

    private final String id;
    private final int version;
    private final String source;
    private final RecordReader reader;
    private final ValuePipeline localId;
    private final EntityMapper<?, ?> mapper;

    MappingSpec(String id, int version, String source, RecordReader reader, ValuePipeline localId,
                EntityMapper<?, ?> mapper) {
        this.id = id;
        this.version = version;
        this.source = source;
        this.reader = reader;
        this.localId = localId;
        this.mapper = mapper;
    }

    /** Spec id, {@code <department>/<dataset>}. */
    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    /** Canonical entity id, e.g. {@code facility}. */
    public String entity() {
        return mapper.entity().name();
    }

    public Class<? extends SpecificRecord> recordClass() {
        return mapper.entity().recordClass();
    }

    public String format() {
        return reader.format();
    }

    /** Where the spec was loaded from. */
    public String source() {
        return source;
    }

    /**
     * Maps one raw payload.
     *
     * @throws civic.exchange.errors.RecordRejectedException when the record cannot be standardized
     */
    public Mapped map(byte[] payload, Charset charset, RecordOrigin origin, MappingListener listener) {
        JsonNode root = reader.read(payload, charset);
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
                .setMappingSpec(id)
                .setMappingVersion(version)
                .build();
        SpecificRecord record = mapper.map(root, canonicalId, sourceRef, provenance, listener);
        return new Mapped(canonicalId, local, record);
    }

    /** A standardized record with its canonical id (the record key) and the source's local id. */
    public record Mapped(String id, String localId, SpecificRecord record) {
    }

    @Override
    public String toString() {
        return id + " v" + version + " (" + format() + " -> " + entity() + ", " + source + ")";
    }
}
