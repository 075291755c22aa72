package civic.exchange.registry.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.avro.Schema;

import civic.exchange.registry.server.RegistryRecords.ConfigKey;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;
import civic.exchange.registry.server.RegistryState.SchemaIdentity;

/**
 * What the registry does, independent of HTTP: registration with id reuse and compatibility checks, lookups,
 * compatibility configuration. Reads come from {@link RegistryState}; writes go through {@link KafkaStore}.
 *
 * <p>Writes are serialized by {@link #writeLock}: deciding the next id/version and appending the record must not
 * interleave, or two registrations could take the same id. That makes this instance the single writer of the
 * topic. Running several instances needs a leader: the seam is {@link #write}, where a follower would forward the
 * request to the elected leader (Confluent elects one through a Kafka group) instead of taking the local lock.
 */
final class SchemaRegistry {

    record RegisterRequest(String schema, String schemaType, List<SchemaReference> references) {
        RegisterRequest {
            references = references == null ? List.of() : List.copyOf(references);
        }
    }

    /** A request's schema, parsed, with its references pinned to concrete versions. */
    private record Candidate(AvroSchemas.Parsed parsed, List<SchemaReference> references) {
        SchemaIdentity identity() {
            return new SchemaIdentity(parsed.canonical(), references);
        }
    }

    private final RegistryState state;
    private final KafkaStore store;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Parsed schemas by id: an id's content never changes, so parsing once is enough. */
    private final Map<Integer, Schema> parsedById = new ConcurrentHashMap<>();

    SchemaRegistry(RegistryState state, KafkaStore store) {
        this.state = state;
        this.store = store;
    }

    /** @return the global id: the existing one if this schema is already known, under this subject or another */
    int register(String subject, RegisterRequest request) {
        Candidate candidate = candidate(request);
        return write(() -> {
            List<SchemaVersion> versions = state.liveVersions(subject);
            for (SchemaVersion existing : versions) {
                if (identity(existing).equals(candidate.identity())) {
                    return existing.id();
                }
            }
            List<String> incompatibilities = CompatibilityChecker.check(effectiveLevel(subject),
                    candidate.parsed().schema(), previous(versions));
            if (!incompatibilities.isEmpty()) {
                throw RegistryException.incompatibleSchema(subject, incompatibilities);
            }
            int id = state.idOf(candidate.identity()).orElseGet(() -> state.maxId() + 1);
            int version = state.maxVersion(subject) + 1;
            store.write(new SchemaKey(subject, version), RegistryRecords.encodeSchema(new SchemaVersion(subject, version,
                    id, candidate.parsed().canonical(), candidate.references(), false)));
            return id;
        });
    }

    /** The version of {@code subject} holding this schema (Confluent's {@code POST /subjects/{subject}}). */
    SchemaVersion lookup(String subject, RegisterRequest request) {
        Candidate candidate = candidate(request);
        List<SchemaVersion> versions = liveVersionsOrThrow(subject);
        return versions.stream().filter(v -> identity(v).equals(candidate.identity())).findFirst()
                .orElseThrow(RegistryException::schemaNotFound);
    }

    SchemaVersion schemaById(int id) {
        return state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }

    List<String> subjects() {
        return state.subjects();
    }

    List<Integer> versions(String subject) {
        return liveVersionsOrThrow(subject).stream().map(SchemaVersion::version).toList();
    }

    SchemaVersion version(String subject, VersionSpec spec) {
        List<SchemaVersion> versions = liveVersionsOrThrow(subject);
        if (spec.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == spec.number()).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
    }

    /** @return incompatibility messages; empty when the schema could be registered after {@code spec} */
    List<String> testCompatibility(String subject, VersionSpec spec, RegisterRequest request) {
        Candidate candidate = candidate(request);
        List<SchemaVersion> versions = state.liveVersions(subject);
        if (versions.isEmpty() && spec.isLatest()) {
            return List.of(); // nothing to be incompatible with: the first version is always accepted
        }
        List<SchemaVersion> against = spec.isLatest() ? versions : List.of(version(subject, spec));
        return CompatibilityChecker.check(effectiveLevel(subject), candidate.parsed().schema(), previous(against));
    }

    List<String> schemaTypes() {
        return List.copyOf(AvroSchemas.SUPPORTED_TYPES);
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel().orElse(CompatibilityLevel.DEFAULT);
    }

    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return globalLevel();
            }
            throw RegistryException.subjectLevelCompatibilityNotConfigured(subject);
        });
    }

    /** @param subject null for the global level */
    CompatibilityLevel setLevel(String subject, CompatibilityLevel level) {
        return write(() -> {
            store.write(new ConfigKey(subject), RegistryRecords.encodeConfig(level));
            return level;
        });
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return state.subjectLevel(subject).orElseGet(this::globalLevel);
    }

    private <T> T write(Supplier<T> operation) {
        writeLock.lock();
        try {
            return operation.get();
        } finally {
            writeLock.unlock();
        }
    }

    private List<SchemaVersion> liveVersionsOrThrow(String subject) {
        List<SchemaVersion> versions = state.liveVersions(subject);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private static SchemaIdentity identity(SchemaVersion version) {
        return new SchemaIdentity(version.schema(), version.references());
    }

    private List<CompatibilityChecker.Previous> previous(List<SchemaVersion> versions) {
        List<CompatibilityChecker.Previous> previous = new ArrayList<>(versions.size());
        for (SchemaVersion version : versions) {
            Schema schema = parsedById.computeIfAbsent(version.id(),
                    id -> AvroSchemas.parse(version.schema(), referencedTexts(version.references(), new HashSet<>())).schema());
            previous.add(new CompatibilityChecker.Previous(version.version(), schema));
        }
        return previous;
    }

    private Candidate candidate(RegisterRequest request) {
        String type = request.schemaType() == null ? AvroSchemas.TYPE : request.schemaType().toUpperCase(Locale.ROOT);
        if (!AvroSchemas.SUPPORTED_TYPES.contains(type)) {
            throw RegistryException.invalidSchema("Schema type " + request.schemaType()
                    + " is not supported by this registry; supported types: " + AvroSchemas.SUPPORTED_TYPES);
        }
        List<SchemaReference> pinned = new ArrayList<>();
        for (SchemaReference reference : request.references()) {
            if (reference.name() == null || reference.subject() == null) {
                throw RegistryException.invalidSchema("Invalid schema reference " + reference
                        + ": name and subject are required");
            }
            // "latest" (-1) is pinned now: a schema's meaning must not change when the referenced subject evolves.
            SchemaVersion target = resolve(reference);
            pinned.add(new SchemaReference(reference.name(), reference.subject(), target.version()));
        }
        return new Candidate(AvroSchemas.parse(request.schema(), referencedTexts(pinned, new HashSet<>())), pinned);
    }

    private SchemaVersion resolve(SchemaReference reference) {
        try {
            return version(reference.subject(), reference.version() == -1 ? VersionSpec.LATEST
                    : VersionSpec.parse(Integer.toString(reference.version())));
        } catch (RegistryException e) {
            throw RegistryException.invalidSchema("Invalid schema reference " + reference + ": " + e.getMessage());
        }
    }

    /** Texts of the referenced schemas, transitively, dependencies first and each once. */
    private List<String> referencedTexts(List<SchemaReference> references, Set<String> seen) {
        List<String> texts = new ArrayList<>();
        for (SchemaReference reference : references) {
            if (seen.add(reference.subject() + "\u0000" + reference.version())) {
                SchemaVersion target = resolve(reference);
                texts.addAll(referencedTexts(target.references(), seen));
                texts.add(target.schema());
            }
        }
        return texts;
    }
}
