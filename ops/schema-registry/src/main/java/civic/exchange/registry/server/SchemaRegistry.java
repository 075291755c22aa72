package civic.exchange.registry.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.avro.Schema;

import civic.exchange.registry.server.RegistryLog.Write;
import civic.exchange.registry.server.RegistryRecords.ConfigKey;
import civic.exchange.registry.server.RegistryRecords.Key;
import civic.exchange.registry.server.RegistryRecords.ModeKey;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;
import civic.exchange.registry.server.RegistryState.Filter;
import civic.exchange.registry.server.RegistryState.SchemaIdentity;

/**
 * What the registry does, independent of HTTP: registration with id reuse and compatibility checks, lookups, soft and
 * hard deletes, compatibility levels and modes, each with Confluent's rules and error codes.
 *
 * <p>Reads come from {@link RegistryState} and work on every instance. Writes ({@link #register}, the deletes, the
 * setters) only run on the elected leader: they are serialized by {@link #writeLock}, because deciding the next
 * id/version and appending the record must not interleave, and they throw {@code notLeader} elsewhere, which the HTTP
 * layer turns into forwarding the request to the leader.
 */
final class SchemaRegistry {

    /**
     * A registration or lookup body. {@code id} and {@code version} are Confluent's import fields: an id can only be
     * given in IMPORT mode, which this registry does not offer; a version must be the next one.
     */
    record RegisterRequest(String schema, String schemaType, List<SchemaReference> references, Integer id,
                           Integer version) {
        RegisterRequest {
            references = references == null ? List.of() : List.copyOf(references);
        }

        RegisterRequest(String schema, String schemaType, List<SchemaReference> references) {
            this(schema, schemaType, references, null, null);
        }
    }

    /** A request's schema, parsed, with its references pinned to concrete versions. */
    private record Candidate(AvroSchemas.Parsed parsed, List<SchemaReference> references) {
        SchemaIdentity identity() {
            return new SchemaIdentity(parsed.canonical(), references);
        }
    }

    private final RegistryState state;
    private final RegistryLog store;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Parsed schemas by id: an id's content never changes, so parsing once is enough. */
    private final Map<Integer, Schema> parsedById = new ConcurrentHashMap<>();

    SchemaRegistry(RegistryState state, RegistryLog store) {
        this.state = state;
        this.store = store;
    }

    // ---------------------------------------------------------------- writes (leader only)

    /** @return the global id: the existing one if this schema is already known, under this subject or another */
    int register(String subject, RegisterRequest request) {
        checkSubjectName(subject);
        Candidate candidate = candidate(request);
        return write(() -> {
            Optional<SchemaVersion> existing = registered(subject, candidate);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            Mode mode = effectiveMode(subject);
            if (mode.readOnly()) {
                throw RegistryException.readOnly(subject);
            }
            if (request.id() != null && request.id() >= 0) {
                throw RegistryException.operationNotPermitted("Subject " + subject + " is not in import mode");
            }
            if (mode != Mode.READWRITE) {
                throw RegistryException.operationNotPermitted("Subject " + subject + " is not in read-write mode");
            }
            List<SchemaVersion> live = state.liveVersions(subject);
            List<String> incompatibilities = CompatibilityChecker.check(effectiveLevel(subject),
                    candidate.parsed().schema(), previous(live));
            if (!incompatibilities.isEmpty()) {
                throw RegistryException.incompatibleSchema(subject, incompatibilities);
            }
            int version = state.maxVersion(subject) + 1;
            if (request.version() != null && request.version() > 0 && request.version() != version) {
                throw RegistryException.invalidSchema("Version is not one more than previous version");
            }
            int id = state.idOf(candidate.identity()).orElseGet(() -> state.maxId() + 1);
            List<Write> writes = new ArrayList<>();
            // As Confluent does: a re-registered schema supersedes its soft-deleted earlier versions in this subject.
            for (SchemaVersion deleted : state.versions(subject, Filter.DELETED_ONLY)) {
                if (deleted.id() == id) {
                    writes.addAll(tombstones(new SchemaKey(subject, deleted.version())));
                }
            }
            writes.add(Write.put(new SchemaKey(subject, version), RegistryRecords.encodeSchema(new SchemaVersion(subject,
                    version, id, candidate.parsed().canonical(), candidate.references(), false))));
            store.write(writes);
            return id;
        });
    }

    /**
     * Soft delete (every live version flagged deleted, the subject's config and mode removed) or, after one, hard
     * delete (tombstones: compaction then removes the versions from the topic).
     *
     * @return the versions deleted
     */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return write(() -> {
            List<SchemaVersion> all = state.versions(subject, Filter.INCLUDE_DELETED);
            if (all.isEmpty()) {
                throw RegistryException.subjectNotFound(subject);
            }
            List<SchemaVersion> live = state.liveVersions(subject);
            if (!permanent && live.isEmpty()) {
                throw RegistryException.subjectSoftDeleted(subject);
            }
            if (effectiveMode(subject).readOnly()) {
                throw RegistryException.readOnly(subject);
            }
            List<SchemaVersion> targets = permanent ? all : live;
            for (SchemaVersion target : targets) {
                checkNotReferenced(target);
                if (permanent && !target.deleted()) {
                    throw RegistryException.subjectNotSoftDeleted(subject);
                }
            }
            List<Write> writes = new ArrayList<>();
            for (SchemaVersion target : targets) {
                writes.addAll(permanent ? tombstones(new SchemaKey(subject, target.version())) : List.of(softDeleted(target)));
            }
            if (!permanent) {
                writes.addAll(subjectSettingsRemoval(subject));
            }
            store.write(writes);
            return targets.stream().map(SchemaVersion::version).toList();
        });
    }

    /** @return the version deleted */
    int deleteVersion(String subject, String versionText, boolean permanent) {
        VersionSpec spec = VersionSpec.parse(versionText);
        return write(() -> {
            SchemaVersion target;
            if (spec.isLatest()) {
                List<SchemaVersion> candidates = state.liveVersions(subject);
                if (candidates.isEmpty()) {
                    candidates = state.versions(subject, Filter.INCLUDE_DELETED);
                }
                target = candidates.isEmpty() ? null : candidates.get(candidates.size() - 1);
            } else {
                target = state.version(subject, spec.number()).orElse(null);
            }
            if (target != null && !permanent && target.deleted()) {
                throw RegistryException.versionSoftDeleted(subject, versionText);
            }
            if (target == null) {
                if (state.versions(subject, Filter.INCLUDE_DELETED).isEmpty()) {
                    throw RegistryException.subjectNotFound(subject);
                }
                throw RegistryException.versionNotFound(spec.number());
            }
            if (effectiveMode(subject).readOnly()) {
                throw RegistryException.readOnly(subject);
            }
            checkNotReferenced(target);
            if (permanent && !target.deleted()) {
                throw RegistryException.versionNotSoftDeleted(subject, target.version());
            }
            List<Write> writes = new ArrayList<>();
            if (permanent) {
                writes.addAll(tombstones(new SchemaKey(subject, target.version())));
            } else {
                writes.add(softDeleted(target));
                boolean lastLive = state.liveVersions(subject).stream().allMatch(v -> v.version() == target.version());
                if (lastLive) {
                    writes.addAll(subjectSettingsRemoval(subject));
                }
            }
            store.write(writes);
            return target.version();
        });
    }

    /** @param subject null for the global level */
    CompatibilityLevel setLevel(String subject, CompatibilityLevel level) {
        if (subject != null) {
            checkSubjectName(subject);
        }
        return write(() -> {
            store.write(List.of(Write.put(new ConfigKey(subject), RegistryRecords.encodeConfig(level))));
            return level;
        });
    }

    /**
     * @param subject null for the global level, which then falls back to the default
     * @return the level in force before
     */
    CompatibilityLevel deleteLevel(String subject) {
        return write(() -> {
            CompatibilityLevel previous = subject == null ? globalLevel()
                    : state.subjectLevel(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
            store.write(tombstones(new ConfigKey(subject)));
            return previous;
        });
    }

    /** @param subject null for the global mode */
    Mode setMode(String subject, String modeText) {
        Mode mode = Mode.parse(modeText).orElseThrow(RegistryException::invalidMode);
        if (!mode.settable()) {
            throw RegistryException.operationNotPermitted("Mode " + mode + " is not supported by this registry");
        }
        if (subject != null) {
            checkSubjectName(subject);
        }
        return write(() -> {
            store.write(List.of(Write.put(new ModeKey(subject), RegistryRecords.encodeMode(mode))));
            return mode;
        });
    }

    /** @return the subject's mode before */
    Mode deleteMode(String subject) {
        return write(() -> {
            Mode previous = state.subjectMode(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
            store.write(tombstones(new ModeKey(subject)));
            return previous;
        });
    }

    private <T> T write(Supplier<T> operation) {
        writeLock.lock();
        try {
            if (!store.isLeader()) {
                throw RegistryException.notLeader();
            }
            return operation.get();
        } finally {
            writeLock.unlock();
        }
    }

    private List<Write> tombstones(Key key) {
        return state.keyLayouts(key).stream().map(bytes -> new Write(bytes, null)).toList();
    }

    private static Write softDeleted(SchemaVersion version) {
        return Write.put(new SchemaKey(version.subject(), version.version()), RegistryRecords.encodeSchema(
                new SchemaVersion(version.subject(), version.version(), version.id(), version.schema(),
                        version.references(), true)));
    }

    /** A subject without live versions keeps no config or mode (as in Confluent). */
    private List<Write> subjectSettingsRemoval(String subject) {
        List<Write> writes = new ArrayList<>();
        if (state.subjectLevel(subject).isPresent()) {
            writes.addAll(tombstones(new ConfigKey(subject)));
        }
        if (state.subjectMode(subject).isPresent()) {
            writes.addAll(tombstones(new ModeKey(subject)));
        }
        return writes;
    }

    private void checkNotReferenced(SchemaVersion version) {
        if (!state.referrers(version.subject(), version.version()).isEmpty()) {
            throw RegistryException.referenceExists(version.subject(), version.version());
        }
    }

    /** Confluent refuses subject names with control characters (42208). */
    private static void checkSubjectName(String subject) {
        if (subject == null || subject.isEmpty() || subject.chars().anyMatch(Character::isISOControl)) {
            throw RegistryException.invalidSubject(subject);
        }
    }

    // ---------------------------------------------------------------- reads (any instance)

    /** The id of this schema if it is already registered (live) under the subject: registering it again is a no-op. */
    Optional<Integer> registeredId(String subject, RegisterRequest request) {
        return registered(subject, candidate(request)).map(SchemaVersion::id);
    }

    private Optional<SchemaVersion> registered(String subject, Candidate candidate) {
        return state.liveVersions(subject).stream().filter(v -> SchemaIdentity.of(v).equals(candidate.identity()))
                .findFirst();
    }

    /** The version of {@code subject} holding this schema (Confluent's {@code POST /subjects/{subject}}). */
    SchemaVersion lookup(String subject, RegisterRequest request, boolean includeDeleted) {
        Candidate candidate = candidate(request);
        List<SchemaVersion> versions = state.versions(subject, includeDeleted ? Filter.INCLUDE_DELETED : Filter.LIVE);
        SchemaVersion match = null;
        for (SchemaVersion version : versions) {
            if (SchemaIdentity.of(version).equals(candidate.identity())) {
                match = version; // the newest one wins, as in Confluent
            }
        }
        if (match == null) {
            throw versions.isEmpty() ? RegistryException.subjectNotFound(subject) : RegistryException.schemaNotFound();
        }
        return match;
    }

    SchemaVersion schemaById(int id) {
        return state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
    }

    /** Subjects using the id; soft-deleted subject versions only with {@code includeDeleted}. */
    List<String> subjectsForId(int id, boolean includeDeleted) {
        return versionsForId(id, includeDeleted).stream().map(SchemaVersion::subject).distinct().toList();
    }

    List<SchemaVersion> versionsForId(int id, boolean includeDeleted) {
        List<SchemaVersion> versions = state.versionsWithId(id);
        if (versions.isEmpty()) {
            throw RegistryException.schemaNotFound();
        }
        return versions.stream().filter(v -> includeDeleted || !v.deleted()).toList();
    }

    List<String> subjects(String prefix, Filter filter) {
        return state.subjects(filter).stream().filter(s -> prefix == null || s.startsWith(prefix)).toList();
    }

    List<Integer> versions(String subject, Filter filter) {
        List<SchemaVersion> versions = state.versions(subject, filter == Filter.DELETED_ONLY ? Filter.INCLUDE_DELETED : filter);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions.stream().filter(filter::accepts).map(SchemaVersion::version).toList();
    }

    /** A version; soft-deleted ones only with {@code includeDeleted} ({@code ?deleted=true}). */
    SchemaVersion version(String subject, VersionSpec spec, boolean includeDeleted) {
        List<SchemaVersion> versions = state.versions(subject, includeDeleted ? Filter.INCLUDE_DELETED : Filter.LIVE);
        if (versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (spec.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == spec.number()).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
    }

    /** Ids of the schemas whose references name this version. */
    List<Integer> referencedBy(String subject, VersionSpec spec) {
        SchemaVersion version = version(subject, spec, true);
        return state.referrers(subject, version.version()).stream().map(SchemaVersion::id).distinct().sorted().toList();
    }

    /** Every version of the subjects starting with {@code prefix}, by subject and version. */
    List<SchemaVersion> schemas(String prefix, boolean includeDeleted, boolean latestOnly) {
        List<SchemaVersion> result = new ArrayList<>();
        for (String subject : state.subjects(Filter.INCLUDE_DELETED)) {
            if (prefix != null && !subject.startsWith(prefix)) {
                continue;
            }
            List<SchemaVersion> versions = state.versions(subject, includeDeleted ? Filter.INCLUDE_DELETED : Filter.LIVE);
            if (latestOnly && !versions.isEmpty()) {
                result.add(versions.get(versions.size() - 1));
            } else {
                result.addAll(versions);
            }
        }
        return result;
    }

    /**
     * @param spec null: against the versions the subject's level names (all for a transitive level, else the latest)
     * @return incompatibility messages; empty when the schema could be registered after {@code spec}
     */
    List<String> testCompatibility(String subject, VersionSpec spec, RegisterRequest request) {
        Candidate candidate = candidate(request);
        List<SchemaVersion> live = state.liveVersions(subject);
        List<SchemaVersion> against;
        if (spec == null || spec.isLatest()) {
            if (live.isEmpty()) {
                return List.of(); // nothing to be incompatible with: the first version is always accepted
            }
            against = live;
        } else {
            against = List.of(version(subject, spec, false));
        }
        return CompatibilityChecker.check(effectiveLevel(subject), candidate.parsed().schema(), previous(against));
    }

    /** The highest id handed out so far (Confluent's {@code fetchMaxId}). */
    int maxId() {
        return state.maxId();
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

    Mode globalMode() {
        return state.globalMode().orElse(Mode.DEFAULT);
    }

    Mode subjectMode(String subject, boolean defaultToGlobal) {
        if (defaultToGlobal) {
            return effectiveMode(subject);
        }
        return state.subjectMode(subject).orElseThrow(() -> RegistryException.subjectLevelModeNotConfigured(subject));
    }

    /** The subject's mode, unless the global mode is READONLY_OVERRIDE, which wins. */
    Mode effectiveMode(String subject) {
        Mode global = globalMode();
        if (global == Mode.READONLY_OVERRIDE) {
            return global;
        }
        return state.subjectMode(subject).orElse(global);
    }

    private CompatibilityLevel effectiveLevel(String subject) {
        return state.subjectLevel(subject).orElseGet(this::globalLevel);
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
            throw RegistryException.invalidSchema("Invalid schema type " + request.schemaType()
                    + ": this registry supports " + String.join(", ", AvroSchemas.SUPPORTED_TYPES) + " only");
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
            // "latest" is the newest live version; a pinned version keeps resolving after a soft delete.
            return reference.version() == -1 ? version(reference.subject(), VersionSpec.LATEST, false)
                    : version(reference.subject(), VersionSpec.parse(Integer.toString(reference.version())), true);
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
