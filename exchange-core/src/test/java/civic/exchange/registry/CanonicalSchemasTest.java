package civic.exchange.registry;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.topics.CanonicalEntity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry provisioning step against the in-memory registry (the real one: ops/tools' ProvisionIT). */
class CanonicalSchemasTest {

    private static final String SCOPE = "canonical-schemas-test";

    @AfterEach
    void drop() {
        InMemorySchemaRegistryClient.dropScope(SCOPE);
    }

    @Test
    void everyCanonicalSubjectIsFullTransitiveBeforeItsSchemaIsRegistered() {
        Recording registry = new Recording(InMemorySchemaRegistryClient.forScope(SCOPE));
        Map<String, Integer> ids = CanonicalSchemas.register(registry);

        List<String> subjects = Arrays.stream(CanonicalEntity.values()).map(e -> e.topic() + "-value").toList();
        assertThat(ids).containsOnlyKeys(subjects);
        for (String subject : subjects) {
            assertThat(registry.compatibility(subject)).as(subject).contains("FULL_TRANSITIVE");
            assertThat(registry.calls).containsSubsequence("setCompatibility " + subject, "register " + subject);
        }

        // Run again: the levels are in force already, so only the (idempotent) registrations are repeated.
        registry.calls.clear();
        assertThat(CanonicalSchemas.register(registry)).isEqualTo(ids);
        assertThat(registry.calls).noneMatch(call -> call.startsWith("setCompatibility"));
    }

    @Test
    void aSubjectOnAnotherLevelIsSetBackToFullTransitive() {
        Recording registry = new Recording(InMemorySchemaRegistryClient.forScope(SCOPE));
        registry.setCompatibility("canonical.facility-value", "BACKWARD");
        CanonicalSchemas.register(registry);
        assertThat(registry.compatibility("canonical.facility-value")).contains(CanonicalSchemas.COMPATIBILITY);
    }

    private static final class Recording implements SchemaRegistryClient {
        final SchemaRegistryClient delegate;
        final List<String> calls = new ArrayList<>();

        Recording(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            calls.add("register " + subject);
            return delegate.register(subject, schema);
        }

        @Override
        public int lookup(String subject, Schema schema) {
            return delegate.lookup(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            return delegate.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            return delegate.latest(subject);
        }

        @Override
        public void setCompatibility(String subject, String level) {
            calls.add("setCompatibility " + subject);
            delegate.setCompatibility(subject, level);
        }

        @Override
        public Optional<String> compatibility(String subject) {
            return delegate.compatibility(subject);
        }
    }
}
