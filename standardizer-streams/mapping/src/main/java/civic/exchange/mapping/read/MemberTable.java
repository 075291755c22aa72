package civic.exchange.mapping.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The members of one JSON object in the order they were read: names and values in two arrays, found
 * through a small open-addressing table of positions. It replaces the {@code LinkedHashMap} behind
 * Jackson's {@code ObjectNode}, which allocates an entry of 40 bytes per member and copies its table
 * as an entity grows; building the tree of every raw record was the largest cost of reading it.
 * Member names come from Jackson's symbol table, so most look-ups match by identity.
 *
 * <p>Names that share a {@code String.hashCode} are easy to make ("Aa" and "BB"), and a record of
 * thousands of them would make every insertion walk all the others. Once an insertion walks more
 * than {@value #MAX_PROBES} slots, positions are found through a {@code HashMap} instead, which
 * keeps colliding names in a tree.
 */
final class MemberTable extends AbstractMap<String, JsonNode> {

    private static final int MIN_CAPACITY = 8;
    /** Slots one insertion may walk before the table gives up on open addressing. */
    static final int MAX_PROBES = 32;

    private String[] names;
    private JsonNode[] values;
    /** Position + 1 of the member whose name hashes there, 0 for none; twice the capacity, a power of two. */
    private int[] slots;
    /** Positions by name once names collided too much; then {@code slots} is unused. */
    private Map<String, Integer> colliding;
    private int size;
    /** Changes of membership (not of a value), so that an iterator can notice them. */
    private int modifications;

    MemberTable(int expectedMembers) {
        int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, expectedMembers) - 1) << 1);
        names = new String[capacity];
        values = new JsonNode[capacity];
        slots = new int[capacity * 2];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && position(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        int position = key == null ? -1 : position(key);
        return position < 0 ? null : values[position];
    }

    @Override
    public JsonNode put(String name, JsonNode value) {
        Objects.requireNonNull(name, "a JSON member needs a name");
        if (colliding != null) {
            Integer position = colliding.get(name);
            if (position != null) {
                return replace(position, value);
            }
            colliding.put(name, size);
            append(name, value);
            return null;
        }
        int mask = slots.length - 1;
        int probes = 0;
        for (int slot = spread(name.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                if (size == names.length || probes > MAX_PROBES) {
                    if (probes > MAX_PROBES) {
                        indexByHashMap();
                    } else {
                        grow();
                    }
                    return put(name, value);
                }
                slots[slot] = size + 1;
                append(name, value);
                return null;
            }
            String existing = names[entry - 1];
            if (existing == name || existing.equals(name)) {
                return replace(entry - 1, value);
            }
            probes++;
        }
    }

    private void append(String name, JsonNode value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, names.length * 2);
            values = Arrays.copyOf(values, values.length * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        modifications++;
    }

    private JsonNode replace(int position, JsonNode value) {
        JsonNode previous = values[position];
        values[position] = value;
        return previous;
    }

    /** True once names collided too much for open addressing. */
    boolean indexedByHashMap() {
        return colliding != null;
    }

    @Override
    public JsonNode remove(Object key) {
        int position = key == null ? -1 : position(key);
        if (position < 0) {
            return null;
        }
        JsonNode previous = values[position];
        removeAt(position);
        return previous;
    }

    @Override
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        slots = new int[names.length * 2];
        colliding = null;
        size = 0;
        modifications++;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return new Members();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private int position(Object key) {
        if (colliding != null) {
            Integer position = colliding.get(key);
            return position == null ? -1 : position;
        }
        int mask = slots.length - 1;
        for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            String name = names[entry - 1];
            if (name == key || name.equals(key)) {
                return entry - 1;
            }
        }
    }

    /** Removes one member, keeping the others in order; rare (an NGSI-LD {@code @context}), so it re-indexes. */
    private void removeAt(int position) {
        System.arraycopy(names, position + 1, names, position, size - position - 1);
        System.arraycopy(values, position + 1, values, position, size - position - 1);
        size--;
        names[size] = null;
        values[size] = null;
        modifications++;
        reindex(slots.length);
    }

    private void grow() {
        names = Arrays.copyOf(names, names.length * 2);
        values = Arrays.copyOf(values, values.length * 2);
        reindex(names.length * 2);
    }

    private void indexByHashMap() {
        colliding = new HashMap<>(size * 2);
        slots = new int[1];
        reindex(1);
    }

    private void reindex(int slotCount) {
        if (colliding != null) {
            colliding.clear();
            for (int i = 0; i < size; i++) {
                colliding.put(names[i], i);
            }
            return;
        }
        slots = new int[slotCount];
        int mask = slotCount - 1;
        for (int i = 0; i < size; i++) {
            int slot = spread(names[i].hashCode()) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Members in order; an entry's {@code setValue} writes through, as a map's entries do. */
    private final class Members implements Iterator<Entry<String, JsonNode>> {

        private int next;
        private int last = -1;
        private int expectedModifications = modifications;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Entry<String, JsonNode> next() {
            if (expectedModifications != modifications) {
                throw new ConcurrentModificationException();
            }
            if (next >= size) {
                throw new NoSuchElementException();
            }
            last = next++;
            return new Member(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (expectedModifications != modifications) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expectedModifications = modifications;
        }
    }

    private final class Member implements Map.Entry<String, JsonNode> {

        private final String name;
        private final int position;

        Member(int position) {
            this.name = names[position];
            this.position = position;
        }

        @Override
        public String getKey() {
            return name;
        }

        @Override
        public JsonNode getValue() {
            return names[position] == name ? values[position] : get(name);
        }

        @Override
        public JsonNode setValue(JsonNode value) {
            if (names[position] == name) {
                JsonNode previous = values[position];
                values[position] = value;
                return previous;
            }
            return put(name, value);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e)) {
                return false;
            }
            return name.equals(e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return name.hashCode() ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return name + "=" + getValue();
        }
    }
}
