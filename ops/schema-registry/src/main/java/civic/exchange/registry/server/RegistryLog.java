package civic.exchange.registry.server;

import java.util.List;

import civic.exchange.registry.server.RegistryRecords.Key;

/**
 * Where {@link SchemaRegistry} appends its records: the schemas topic ({@link KafkaStore}) in a running registry, an
 * in-memory log in fast tests. Appended records reach {@link RegistryState} before {@link #write} returns.
 */
interface RegistryLog {

    /** One record to append: {@code value == null} is a tombstone. */
    record Write(byte[] key, byte[] value) {
        static Write put(Key key, byte[] value) {
            return new Write(RegistryRecords.encodeKey(key), value);
        }
    }

    /** Whether this instance may write (it is the elected leader). */
    boolean isLeader();

    /**
     * Appends the records atomically and returns once the state holds them.
     *
     * @return the log position after them
     * @throws RegistryException {@code notLeader} if this instance may not write
     */
    long write(List<Write> writes);
}
