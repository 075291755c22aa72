package civic.exchange.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MemberPathTest {

    @Test
    void segmentsUnescapeDotsAndBackslashesAndNumbersIndexArrays() throws Exception {
        assertThat(MemberPath.parse("location.coordinates.0").names()).containsExactly("location", "coordinates", "0");
        assertThat(MemberPath.parse("Baum-Nr\\.").names()).containsExactly("Baum-Nr.");
        assertThat(MemberPath.parse("a\\\\b").names()).containsExactly("a\\b");
        assertThat(MemberPath.parse("Baum-Nr\\.").column()).contains("Baum-Nr.");
        assertThat(MemberPath.parse("a.b").column()).isEmpty();

        JsonNode record = new ObjectMapper().readTree("{\"location\": {\"coordinates\": [2.35, 48.85]}, \"7\": \"seven\"}");
        assertThat(MemberPath.parse("location.coordinates.1").at(record).asDouble()).isEqualTo(48.85);
        assertThat(MemberPath.parse("7").at(record).asText()).as("a numeric name on an object").isEqualTo("seven");
        assertThat(MemberPath.parse("location.missing.0").at(record)).isNull();
    }

    @Test
    void aPathThatIsNoneIsRefusedWithTheReason() {
        assertThatThrownBy(() -> MemberPath.parse(" ")).hasMessageContaining("cannot be empty");
        assertThatThrownBy(() -> MemberPath.parse("a..b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> MemberPath.parse("Baum-Nr.")).hasMessageContaining("written '\\.'");
        assertThatThrownBy(() -> MemberPath.parse("a\\b")).hasMessageContaining("escapes only");
    }
}
