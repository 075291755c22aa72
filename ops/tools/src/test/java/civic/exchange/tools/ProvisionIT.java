package civic.exchange.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.junit.LocalBusExtension;
import civic.exchange.registry.CanonicalSchemas;
import civic.exchange.registry.HttpSchemaRegistryClient;
import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.schema.Facility;
import civic.exchange.topics.CanonicalEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Provisioning a bus that already provisioned itself at start: nothing left to create or change, the
 * canonical subjects registered and held to FULL_TRANSITIVE by the real registry.
 */
@ExtendWith(LocalBusExtension.class)
class ProvisionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void provisioningIsIdempotentAndRegistersTheCanonicalSubjects(BusFixture bus) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Provision.main(new String[] {
                    "--bootstrap-servers", bus.bootstrapServers(), "--registry", bus.schemaRegistryUrl()});
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("topics: created none (all existed)")
                .contains("topics: changed none (configs as planned)")
                .contains("raw retention 30d")
                .contains("schema: canonical.facility-value -> id")
                .contains("compatibility FULL_TRANSITIVE");
    }

    @Test
    void canonicalSubjectsAreFullTransitiveAndTheRegistryRefusesWhatOnlyThatLevelForbids(BusFixture bus) {
        try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(bus.schemaRegistryUrl(), Duration.ofSeconds(30))) {
            for (CanonicalEntity entity : CanonicalEntity.values()) {
                assertThat(registry.compatibility(CanonicalSchemas.valueSubject(entity.topic()))).as(entity.topic())
                        .contains("FULL_TRANSITIVE");
            }
            // Facility without its required id: new readers read old records (BACKWARD holds), old
            // readers cannot read new ones (FORWARD breaks), so only a FULL level refuses it.
            Schema withoutId = withoutField(Facility.getClassSchema(), "id");

            // Control: a subject on the registry's default level (BACKWARD) takes the same change.
            String control = "provision-it-control-" + UUID.randomUUID() + "-value";
            assertThat(registry.compatibility(control)).isEmpty();
            registry.register(control, Facility.getClassSchema());
            registry.register(control, withoutId);

            String subject = CanonicalSchemas.valueSubject(CanonicalEntity.FACILITY.topic());
            int versionBefore = registry.latest(subject).version();
            assertThatThrownBy(() -> registry.register(subject, withoutId))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
            assertThat(registry.latest(subject).version()).isEqualTo(versionBefore);
            assertThat(registry.latest(subject).schema()).isEqualTo(Facility.getClassSchema());
        }
    }

    /** The record schema without one of its fields (a field that defines no named type other fields use). */
    private static Schema withoutField(Schema record, String name) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(record.toString());
            ArrayNode fields = (ArrayNode) json.get("fields");
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).get("name").asText().equals(name)) {
                    fields.remove(i);
                    return new Schema.Parser().parse(json.toString());
                }
            }
            throw new IllegalArgumentException(record.getFullName() + " has no field " + name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
