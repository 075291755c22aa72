package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"latest", "LATEST", "-1"})
    void latest(String text) {
        assertThat(VersionSpec.parse(text).isLatest()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "7", "2147483647"})
    void numbers(String text) {
        assertThat(VersionSpec.parse(text).number()).isEqualTo(Integer.parseInt(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-2", "2147483648", "1.5", ""})
    void invalidVersionsAre42202(String text) {
        assertThatThrownBy(() -> VersionSpec.parse(text)).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status).isEqualTo(422);
            assertThat(e.errorCode).isEqualTo(42202);
            assertThat(e.getMessage()).isEqualTo("The specified version '" + text + "' is not a valid version id. "
                    + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
        });
    }
}
