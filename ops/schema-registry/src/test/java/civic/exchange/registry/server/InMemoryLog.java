package civic.exchange.registry.server;

import java.util.ArrayList;
import java.util.List;

/** The schemas topic as a list: what {@link SchemaRegistry} appends is applied to the state at once. */
final class InMemoryLog implements RegistryLog {

    final List<Write> appended = new ArrayList<>();
    private final RegistryState state;
    boolean leader = true;

    InMemoryLog(RegistryState state) {
        this.state = state;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public long write(List<Write> writes) {
        if (!leader) {
            throw RegistryException.notLeader();
        }
        for (Write write : writes) {
            appended.add(write);
            state.apply(write.key(), RegistryRecords.decodeKey(write.key()), write.value());
        }
        return appended.size();
    }
}
