package civic.exchange.mapping.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemberTableTest {

    @Test
    void behavesLikeAnInsertionOrderedMapUnderRandomOperations() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            MemberTable table = new MemberTable(1 + random.nextInt(40));
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            for (int op = 0; op < 300; op++) {
                // new String(...): names equal but not identical, as when they do not come from Jackson's symbol table
                String name = new String("m" + random.nextInt(60));
                JsonNode value = IntNode.valueOf(random.nextInt(1000));
                switch (random.nextInt(10)) {
                    case 0 -> assertThat(table.remove(name)).isEqualTo(expected.remove(name));
                    case 1 -> assertThat(table.containsKey(name)).isEqualTo(expected.containsKey(name));
                    case 2 -> assertThat(table.get(name)).isEqualTo(expected.get(name));
                    default -> assertThat(table.put(name, value)).isEqualTo(expected.put(name, value));
                }
                assertThat(table.size()).isEqualTo(expected.size());
            }
            assertThat(new ArrayList<>(table.entrySet())).containsExactlyElementsOf(expected.entrySet());
            assertThat(table).isEqualTo(expected);
            assertThat(table.hashCode()).isEqualTo(expected.hashCode());
        }
    }

    @Test
    void keepsTheOrderMembersWereReadIn() {
        ObjectNode entity = (ObjectNode) new JsonRecordReader().read(
                "{\"id\":\"x\",\"z\":1,\"a\":2,\"m\":{\"q\":1,\"b\":2},\"c\":3}".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, null);

        List<String> names = new ArrayList<>();
        entity.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "z", "a", "m", "c");
        assertThat(entity.toString()).isEqualTo("{\"id\":\"x\",\"z\":1,\"a\":2,\"m\":{\"q\":1,\"b\":2},\"c\":3}");
    }

    @Test
    void anEntrysValueWritesThroughAndSurvivesTheRemovalOfAnEarlierMember() {
        MemberTable table = numbered("a", "b", "c");
        Map.Entry<String, JsonNode> c = new ArrayList<>(table.entrySet()).get(2);

        assertThat(c.setValue(TextNode.valueOf("three"))).isEqualTo(IntNode.valueOf(3));
        assertThat(table.get("c")).isEqualTo(TextNode.valueOf("three"));
        table.remove("a");
        // c moved down one position: the entry still reads and writes member c
        assertThat(c.getValue()).isEqualTo(TextNode.valueOf("three"));
        c.setValue(IntNode.valueOf(33));
        assertThat(table).containsExactly(Map.entry("b", IntNode.valueOf(2)), Map.entry("c", IntNode.valueOf(33)));
    }

    @Test
    void theIteratorRemovesInPlaceAndRefusesAChangeBehindItsBack() {
        MemberTable table = new MemberTable(2);
        for (int i = 0; i < 20; i++) {
            table.put("k" + i, IntNode.valueOf(i));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = table.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().intValue() % 2 == 0) {
                it.remove();
            }
        }
        assertThat(table.keySet()).containsExactly("k1", "k3", "k5", "k7", "k9", "k11", "k13", "k15", "k17", "k19");
        assertThat(table.get("k7")).isEqualTo(IntNode.valueOf(7));
        assertThat(table.get("k8")).isNull();

        Iterator<Map.Entry<String, JsonNode>> it = table.entrySet().iterator();
        assertThatThrownBy(it::remove).as("remove before next").isInstanceOf(IllegalStateException.class);
        it.next();
        it.remove();
        assertThatThrownBy(it::remove).as("remove twice").isInstanceOf(IllegalStateException.class);
        assertThat(table.containsKey("k1")).isFalse();
        Iterator<Map.Entry<String, JsonNode>> last = table.entrySet().iterator();
        for (int i = 0; i < table.size(); i++) {
            last.next();
        }
        assertThatThrownBy(last::next).isInstanceOf(NoSuchElementException.class);
        it.next();
        table.put("new", IntNode.valueOf(0));
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
        assertThatThrownBy(() -> table.put(null, IntNode.valueOf(0))).isInstanceOf(NullPointerException.class);
        assertThat(table.get(null)).isNull();
        table.clear();
        assertThat(table).isEmpty();
        assertThat(table.get("k1")).isNull();
    }

    /** A table of these names, numbered from 1 in order. */
    private static MemberTable numbered(String... names) {
        MemberTable table = new MemberTable(4);
        for (int i = 0; i < names.length; i++) {
            table.put(names[i], IntNode.valueOf(i + 1));
        }
        return table;
    }

    /** "Aa" and "BB" have the same hash code, so every name made of 15 of them does too: 32,768 names. */
    private static List<String> collidingNames() {
        List<String> names = new ArrayList<>();
        for (int bits = 0; bits < 1 << 15; bits++) {
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < 15; i++) {
                name.append((bits >> i & 1) == 0 ? "Aa" : "BB");
            }
            names.add(name.toString());
        }
        return names;
    }

    @Test
    void aRecordOfNamesThatShareAHashCodeIsReadWhole() {
        List<String> names = collidingNames().subList(0, 24_000);
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":").append(i);
        }
        byte[] record = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        assertThat(record.length).as("within what raw topics take").isLessThan(1 << 20);

        JsonNode tree = new JsonRecordReader().read(record, StandardCharsets.UTF_8, null);
        assertThat(tree.size()).isEqualTo(names.size());
        assertThat(tree.get(names.get(23_456)).intValue()).isEqualTo(23_456);
    }

    @Test
    void namesThatShareAHashCodeAreFoundThroughAHashMapNotByWalkingEachOther() {
        List<String> names = collidingNames();
        assertThat(names.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);

        MemberTable table = new MemberTable(8);
        table.put("id", TextNode.valueOf("x"));
        for (int i = 0; i < names.size(); i++) {
            assertThat(table.put(names.get(i), IntNode.valueOf(i))).isNull();
        }
        assertThat(table.indexedByHashMap()).isTrue();
        assertThat(table).hasSize(names.size() + 1);
        assertThat(table.get(names.get(12_345))).isEqualTo(IntNode.valueOf(12_345));
        assertThat(table.put(names.get(7), IntNode.valueOf(-7))).as("a repeated name is found").isEqualTo(IntNode.valueOf(7));
        table.remove("id");
        assertThat(table.get(names.get(0))).isEqualTo(IntNode.valueOf(0));
        assertThat(table.keySet().iterator().next()).isEqualTo(names.get(0));
        assertThat(table.get("id")).isNull();

        table.clear();
        table.put("a", IntNode.valueOf(1));
        table.put("b", IntNode.valueOf(2));
        assertThat(table.indexedByHashMap()).isFalse();
        assertThat(table).containsExactly(Map.entry("a", IntNode.valueOf(1)), Map.entry("b", IntNode.valueOf(2)));
    }

    @Test
    void aFewCollidingNamesKeepTheOpenTable() {
        MemberTable table = numbered("Aa", "BB", "AaAa", "BBBB");
        assertThat(table.indexedByHashMap()).isFalse();
        assertThat(table.get("BB")).isEqualTo(IntNode.valueOf(2));
        assertThat(table.get("AaBB")).isNull();
    }

    @Test
    void aRepeatedMemberIsStillRefusedAsTheTreeIsBuilt() {
        assertThatThrownBy(() -> new JsonRecordReader().read("{\"a\":1,\"b\":{\"c\":1,\"c\":2}}".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, null))
                .hasMessageContaining("Duplicate field 'c'");
    }
}
