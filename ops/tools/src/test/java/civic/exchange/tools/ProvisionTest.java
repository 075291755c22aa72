package civic.exchange.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.provision.ProvisionSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool's options over the settings the environment gives (no broker). */
class ProvisionTest {

    @Test
    void optionsOverrideTheEnvironmentsSettingsAndOmittedOnesKeepThem() {
        ProvisionSettings fromEnvironment = ProvisionSettings.defaults().withDlqRetention(Duration.ofDays(14));
        Map<String, String> opts = new HashMap<>();
        opts.put("--replication-factor", "3");
        opts.put("--raw-retention", "60d");
        opts.put("--dlq-retention", null);
        opts.put("--canonical-compaction-lag", "12h");

        assertThat(Provision.settings(opts, fromEnvironment))
                .isEqualTo(new ProvisionSettings(3, Duration.ofDays(60), Duration.ofDays(14), Duration.ofHours(12)));
        assertThat(Provision.settings(Map.of(), fromEnvironment)).isEqualTo(fromEnvironment);
        assertThatThrownBy(() -> Provision.settings(Map.of("--raw-retention", "long"), fromEnvironment))
                .hasMessageContaining("--raw-retention").hasMessageContaining("'long'");
        assertThatThrownBy(() -> Provision.settings(Map.of("--replication-factor", "three"), fromEnvironment))
                .hasMessageContaining("--replication-factor");
    }
}
