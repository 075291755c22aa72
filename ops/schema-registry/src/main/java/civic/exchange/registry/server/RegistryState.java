package civic.exchange.registry.server;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import civic.exchange.registry.server.RegistryRecords.ConfigKey;
import civic.exchange.registry.server.RegistryRecords.DeleteSubject;
import civic.exchange.registry.server.RegistryRecords.DeleteSubjectKey;
import civic.exchange.registry.server.RegistryRecords.Key;
import civic.exchange.registry.server.RegistryRecords.ModeKey;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;

/**
 * The registry's state in memory: a materialized view of the schemas topic. Only the topic reader mutates it
 * ({@link #apply}); HTTP threads read it. Every write goes through the topic first, so every instance reading the
 * topic converges on the same state.
 *
 * <p>Soft-deleted versions stay here, flagged, as in Confluent: their ids keep resolving and their numbers are never
 * reused. A tombstone (hard delete) removes a version; an id whose last version is gone no longer resolves.
 */
final class RegistryState {

    private static final System.Logger LOG = System.getLogger(RegistryState.class.getName());

    /** The identity of a registered schema: same canonical text and references → same global id. */
    record SchemaIdentity(String schema, List<SchemaReference> references) {
        static SchemaIdentity of(SchemaVersion version) {
            return new SchemaIdentity(version.schema(), version.references());
        }
    }

    /** Which versions a lookup sees: Confluent's {@code deleted} / {@code deletedOnly} query parameters. */
    enum Filter {
        LIVE, INCLUDE_DELETED, DELETED_ONLY;

        static Filter of(boolean deleted, boolean deletedOnly) {
            return deletedOnly ? DELETED_ONLY : deleted ? INCLUDE_DELETED : LIVE;
        }

        boolean accepts(SchemaVersion version) {
            return switch (this) {
                case LIVE -> !version.deleted();
                case INCLUDE_DELETED -> true;
                case DELETED_ONLY -> version.deleted();
            };
        }
    }

    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    /** One version per id (they all hold the same schema): the id's text and references. */
    private final Map<Integer, SchemaVersion> schemasById = new HashMap<>();
    /** The (subject, version) pairs holding each id, soft-deleted ones included. */
    private final Map<Integer, Set<SchemaKey>> keysById = new HashMap<>();
    private final Map<SchemaIdentity, Integer> idsBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private final Map<String, Mode> subjectModes = new HashMap<>();
    /**
     * Every key byte sequence seen per logical key. Compaction is by key bytes: to remove a record written with
     * another (older) layout of the same key, a delete must tombstone that exact byte sequence too.
     */
    private final Map<Key, Set<String>> rawKeys = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private Mode globalMode;
    /** Highest id ever seen, even of versions hard-deleted since: ids are never handed out twice by one reader. */
    private int maxId;

    /** Applies a record whose key was written in this registry's own layout. */
    void apply(Key key, byte[] value) {
        apply(RegistryRecords.encodeKey(key), key, value);
    }

    synchronized void apply(byte[] rawKey, Key key, byte[] value) {
        String raw = new String(rawKey, StandardCharsets.UTF_8);
        if (value == null) {
            Set<String> seen = rawKeys.get(key);
            if (seen != null) {
                seen.remove(raw);
                if (seen.isEmpty()) {
                    rawKeys.remove(key);
                }
            }
        } else {
            rawKeys.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(raw);
        }
        if (key instanceof SchemaKey k) {
            applySchema(k, RegistryRecords.decodeSchema(value));
        } else if (key instanceof DeleteSubjectKey) {
            DeleteSubject delete = RegistryRecords.decodeDeleteSubject(value);
            if (delete != null) {
                softDeleteUpTo(delete.subject(), delete.version());
            }
        } else if (key instanceof ConfigKey k) {
            CompatibilityLevel level = RegistryRecords.decodeConfig(value);
            if (k.subject() == null) {
                globalLevel = level;
            } else if (level == null) {
                subjectLevels.remove(k.subject());
            } else {
                subjectLevels.put(k.subject(), level);
            }
        } else if (key instanceof ModeKey k) {
            Mode mode = RegistryRecords.decodeMode(value);
            if (k.subject() == null) {
                globalMode = mode;
            } else if (mode == null) {
                subjectModes.remove(k.subject());
            } else {
                subjectModes.put(k.subject(), mode);
            }
        }
        // Other key types (NOOP, contexts, ...) carry nothing this registry acts on.
    }

    private void applySchema(SchemaKey key, SchemaVersion version) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(key.subject());
        SchemaVersion previous = versions == null ? null : versions.get(key.version());
        if (version == null) {
            if (previous != null) {
                versions.remove(key.version());
                if (versions.isEmpty()) {
                    subjects.remove(key.subject());
                }
                release(key, previous.id());
            }
            return;
        }
        SchemaVersion holder = schemasById.get(version.id());
        if (holder != null && !SchemaIdentity.of(holder).equals(SchemaIdentity.of(version))) {
            // As Confluent does: an id never changes meaning, whatever a writer put in the topic.
            LOG.log(Level.WARNING, "Ignoring " + key + ": id " + version.id() + " already holds another schema");
            return;
        }
        if (previous != null && previous.id() != version.id()) {
            release(key, previous.id());
        }
        subjects.computeIfAbsent(key.subject(), s -> new TreeMap<>()).put(key.version(), version);
        schemasById.putIfAbsent(version.id(), version);
        keysById.computeIfAbsent(version.id(), id -> new LinkedHashSet<>()).add(key);
        idsBySchema.putIfAbsent(SchemaIdentity.of(version), version.id());
        maxId = Math.max(maxId, version.id());
    }

    /** A version no longer holds {@code id}; the id stops resolving when no version holds it. */
    private void release(SchemaKey key, int id) {
        Set<SchemaKey> keys = keysById.get(id);
        if (keys == null) {
            return;
        }
        keys.remove(key);
        if (keys.isEmpty()) {
            keysById.remove(id);
            SchemaVersion holder = schemasById.remove(id);
            if (holder != null) {
                idsBySchema.remove(SchemaIdentity.of(holder), id);
            }
        }
    }

    private void softDeleteUpTo(String subject, int lastVersion) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return;
        }
        versions.headMap(lastVersion, true).replaceAll((number, v) -> v.deleted() ? v
                : new SchemaVersion(v.subject(), v.version(), v.id(), v.schema(), v.references(), true));
    }

    synchronized Optional<SchemaVersion> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized Optional<Integer> idOf(SchemaIdentity identity) {
        return Optional.ofNullable(idsBySchema.get(identity));
    }

    /** The versions holding {@code id}, by subject then version; empty when the id does not resolve. */
    synchronized List<SchemaVersion> versionsWithId(int id) {
        List<SchemaVersion> result = new ArrayList<>();
        for (SchemaKey key : keysById.getOrDefault(id, Set.of())) {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(key.subject());
            SchemaVersion version = versions == null ? null : versions.get(key.version());
            if (version != null) {
                result.add(version);
            }
        }
        result.sort(Comparator.comparing(SchemaVersion::subject).thenComparingInt(SchemaVersion::version));
        return result;
    }

    synchronized int maxId() {
        return maxId;
    }

    /**
     * Subjects in name order. LIVE: with at least one live version; INCLUDE_DELETED: with any version;
     * DELETED_ONLY: whose versions are all soft-deleted.
     */
    synchronized List<String> subjects(Filter filter) {
        List<String> names = new ArrayList<>();
        subjects.forEach((subject, versions) -> {
            boolean anyLive = versions.values().stream().anyMatch(v -> !v.deleted());
            boolean include = switch (filter) {
                case LIVE -> anyLive;
                case INCLUDE_DELETED -> !versions.isEmpty();
                case DELETED_ONLY -> !versions.isEmpty() && !anyLive;
            };
            if (include) {
                names.add(subject);
            }
        });
        return names;
    }

    /** Subjects with at least one live (not soft-deleted) version. */
    List<String> subjects() {
        return subjects(Filter.LIVE);
    }

    /** Versions passing the filter, oldest first; empty when there are none. */
    synchronized List<SchemaVersion> versions(String subject, Filter filter) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(filter::accepts).toList();
    }

    /** Live versions, oldest first; empty when the subject does not exist. */
    List<SchemaVersion> liveVersions(String subject) {
        return versions(subject, Filter.LIVE);
    }

    /** A version, live or soft-deleted. */
    synchronized Optional<SchemaVersion> version(String subject, int version) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** The highest version present, deleted or not: a new version never reuses a number. */
    synchronized int maxVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    /** Versions (live or soft-deleted) whose references name {@code subject} at {@code version}. */
    synchronized List<SchemaVersion> referrers(String subject, int version) {
        List<SchemaVersion> referrers = new ArrayList<>();
        for (NavigableMap<Integer, SchemaVersion> versions : subjects.values()) {
            for (SchemaVersion candidate : versions.values()) {
                for (SchemaReference reference : candidate.references()) {
                    if (subject.equals(reference.subject()) && reference.version() == version) {
                        referrers.add(candidate);
                        break;
                    }
                }
            }
        }
        return referrers;
    }

    synchronized Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized Optional<Mode> globalMode() {
        return Optional.ofNullable(globalMode);
    }

    synchronized Optional<Mode> subjectMode(String subject) {
        return Optional.ofNullable(subjectModes.get(subject));
    }

    /** The key bytes to tombstone to delete {@code key}: this registry's layout plus every other layout seen. */
    synchronized List<byte[]> keyLayouts(Key key) {
        Set<String> layouts = new LinkedHashSet<>();
        layouts.add(RegistryRecords.text(RegistryRecords.encodeKey(key)));
        layouts.addAll(rawKeys.getOrDefault(key, Set.of()));
        return layouts.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }
}
