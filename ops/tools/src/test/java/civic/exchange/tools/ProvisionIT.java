package civic.exchange.tools;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.localbus.BusFixture;
import civic.exchange.localbus.junit.LocalBusExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Provisioning a bus that already provisioned itself at start: nothing left to create, the canonical subjects registered. */
@ExtendWith(LocalBusExtension.class)
class ProvisionIT {

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
                .contains("created none (all existed)")
                .contains("schema: canonical.facility-value -> id");
    }
}
