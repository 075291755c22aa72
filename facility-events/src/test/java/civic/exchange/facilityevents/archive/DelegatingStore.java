package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A read-only store that forwards to another; tests override one method to simulate a failure. */
class DelegatingStore implements ReadOnlyKeyValueStore<String, Facility> {

    private final ReadOnlyKeyValueStore<String, Facility> delegate;

    DelegatingStore(ReadOnlyKeyValueStore<String, Facility> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Facility get(String key) {
        return delegate.get(key);
    }

    @Override
    public KeyValueIterator<String, Facility> range(String from, String to) {
        return delegate.range(from, to);
    }

    @Override
    public KeyValueIterator<String, Facility> all() {
        return delegate.all();
    }

    @Override
    public long approximateNumEntries() {
        return delegate.approximateNumEntries();
    }
}
