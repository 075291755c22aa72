package civic.exchange.provision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run of {@link TopicProvisioner#provision} did.
 *
 * @param created topics that did not exist and were created, in plan order
 * @param changed existing topics whose configs differed from the plan, with each config set back to
 *                it (insertion order: plan order)
 * @param notes   differences provisioning saw and left alone: partitions and replication factors of
 *                existing topics are never changed (fewer partitions is impossible, more would move
 *                keys between partitions; replicas move by a reassignment)
 */
public record ProvisionReport(List<String> created, Map<String, List<ConfigChange>> changed, List<String> notes) {

    public ProvisionReport {
        created = List.copyOf(created);
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
        notes = List.copyOf(notes);
    }

    /** One config of a topic as it was and as provisioning set it; {@code from} is null where the topic had no value. */
    public record ConfigChange(String name, String from, String to) {
        @Override
        public String toString() {
            return name + " " + from + " -> " + to;
        }
    }

    /** True when the cluster already matched the plan. */
    public boolean nothingToDo() {
        return created.isEmpty() && changed.isEmpty();
    }

    /** Lines for an operator: what was created, what was changed, what was left alone. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("created " + (created.isEmpty() ? "none (all existed)" : created));
        if (changed.isEmpty()) {
            lines.add("changed none (configs as planned)");
        }
        changed.forEach((topic, changes) -> lines.add("changed " + topic + ": "
                + changes.stream().map(ConfigChange::toString).collect(Collectors.joining(", "))));
        notes.forEach(note -> lines.add("left as it is: " + note));
        return lines;
    }
}
