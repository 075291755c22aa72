package civic.exchange.ids;

import civic.exchange.topics.CanonicalEntity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic canonical ids: the same (department, dataset, local id) always gives the same id,
 * so replays, retries and re-drives overwrite instead of duplicating.
 *
 * <p>Ids are RFC 4122 name-based UUIDs (version 5, SHA-1) in a namespace per entity, which keeps
 * them URL-safe whatever characters the department's local id holds.
 */
public final class CanonicalIds {

    /** Namespace of all bus ids (a fixed random UUID; never change it, ids depend on it). */
    private static final UUID BUS_NAMESPACE = UUID.fromString("6f1c0b1e-8d7a-4c1b-9a51-3c7e2d0f4b18");
    /** Looking SHA-1 up among the security providers costs more than hashing a short name: one per thread. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(CanonicalIds::sha1);

    private CanonicalIds() {
    }

    public static String of(CanonicalEntity entity, String department, String dataset, String localId) {
        if (localId == null || localId.isBlank()) {
            throw new IllegalArgumentException("A canonical id needs a non-blank local id");
        }
        return nameUuid(BUS_NAMESPACE, entity.id() + "\u001f" + department + "\u001f" + dataset + "\u001f" + localId).toString();
    }

    /**
     * Deterministic id for record {@code index} of a named request to a dataset: a retried request
     * (same Idempotency-Key) yields the same record ids, so consumers can drop the repeats.
     */
    public static String recordId(String qualifiedDataset, String requestKey, int index) {
        return nameUuid(BUS_NAMESPACE, "record\u001f" + qualifiedDataset + "\u001f" + requestKey + "\u001f" + index).toString();
    }

    /** RFC 4122 section 4.3, version 5. */
    public static UUID nameUuid(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get();
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bb.getLong(), bb.getLong());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
