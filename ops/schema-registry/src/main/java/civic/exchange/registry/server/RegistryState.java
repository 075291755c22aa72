package civic.exchange.registry.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import civic.exchange.registry.server.RegistryRecords.ConfigKey;
import civic.exchange.registry.server.RegistryRecords.Key;
import civic.exchange.registry.server.RegistryRecords.SchemaKey;

/**
 * The registry's state in memory: a materialized view of the schemas topic. Only the topic reader mutates it
 * ({@link #apply}); HTTP threads read it. Every write goes through the topic first, so every instance reading the
 * topic converges on the same state.
 */
final class RegistryState {

    /** The identity of a registered schema: same canonical text and references → same global id. */
    record SchemaIdentity(String schema, List<SchemaReference> references) {
    }

    private final Map<Integer, SchemaVersion> schemasById = new HashMap<>();
    private final Map<SchemaIdentity, Integer> idsBySchema = new HashMap<>();
    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    synchronized void apply(Key key, byte[] value) {
        if (key instanceof SchemaKey k) {
            SchemaVersion version = RegistryRecords.decodeSchema(value);
            if (version == null) {
                // Tombstone: a hard delete. The id stays resolvable, as Confluent keeps ids of deleted schemas readable.
                NavigableMap<Integer, SchemaVersion> versions = subjects.get(k.subject());
                if (versions != null) {
                    versions.remove(k.version());
                    if (versions.isEmpty()) {
                        subjects.remove(k.subject());
                    }
                }
                return;
            }
            subjects.computeIfAbsent(version.subject(), s -> new TreeMap<>()).put(version.version(), version);
            schemasById.putIfAbsent(version.id(), version);
            idsBySchema.putIfAbsent(new SchemaIdentity(version.schema(), version.references()), version.id());
            maxId = Math.max(maxId, version.id());
        } else if (key instanceof ConfigKey k) {
            CompatibilityLevel level = RegistryRecords.decodeConfig(value);
            if (k.subject() == null) {
                globalLevel = level;
            } else if (level == null) {
                subjectLevels.remove(k.subject());
            } else {
                subjectLevels.put(k.subject(), level);
            }
        }
        // Other key types (NOOP, modes, subject deletes) carry nothing this registry acts on yet.
    }

    synchronized Optional<SchemaVersion> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized Optional<Integer> idOf(SchemaIdentity identity) {
        return Optional.ofNullable(idsBySchema.get(identity));
    }

    synchronized int maxId() {
        return maxId;
    }

    /** Subjects with at least one live (not soft-deleted) version. */
    synchronized List<String> subjects() {
        List<String> names = new ArrayList<>();
        subjects.forEach((subject, versions) -> {
            if (versions.values().stream().anyMatch(v -> !v.deleted())) {
                names.add(subject);
            }
        });
        return names;
    }

    /** Live versions, oldest first; empty when the subject does not exist. */
    synchronized List<SchemaVersion> liveVersions(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            return List.of();
        }
        return versions.values().stream().filter(v -> !v.deleted()).toList();
    }

    /** The highest version ever written, deleted or not: a new version never reuses a number. */
    synchronized int maxVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
    }

    synchronized Optional<CompatibilityLevel> globalLevel() {
        return Optional.ofNullable(globalLevel);
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }
}
