package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SourcePathTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void dotsSeparateNamesAndNumbersIndexArrays() throws Exception {
        JsonNode record = tree("{\"location\":{\"coordinates\":[151.2,-33.9]},\"info\":{\"city\":\"Perth\"}}");

        assertThat(SourcePath.parse("location.coordinates.1").at(record).doubleValue()).isEqualTo(-33.9);
        assertThat(SourcePath.parse("info.city").at(record).textValue()).isEqualTo("Perth");
        assertThat(SourcePath.parse("info.zone").at(record)).isNull();
        assertThat(SourcePath.parse("info.city.name").at(record)).as("below a text").isNull();
    }

    @Test
    void anEscapedDotIsPartOfTheName() throws Exception {
        JsonNode row = tree("{\"Baum-Nr.\":\"17\",\"Baum-Nr\":\"wrong\",\"Str.\":{\"Nr.\":\"4a\"},"
                + "\"https://uri.fiware.org/ns/data-models#status\":\"ok\",\"a\\\\b\":\"backslash\"}");

        assertThat(SourcePath.parse("Baum-Nr\\.").at(row).textValue()).isEqualTo("17");
        assertThat(SourcePath.parse("Str\\..Nr\\.").at(row).textValue()).isEqualTo("4a");
        assertThat(SourcePath.parse("https://uri\\.fiware\\.org/ns/data-models#status").at(row).textValue()).isEqualTo("ok");
        assertThat(SourcePath.parse("a\\\\b").at(row).textValue()).isEqualTo("backslash");
        assertThat(SourcePath.parse("Baum-Nr\\.").toString()).as("reported as the spec writes it").isEqualTo("Baum-Nr\\.");
    }

    @Test
    void anEmptySegmentOrAStrayBackslashIsRefusedWithTheWayToWriteIt() {
        assertThatThrownBy(() -> SourcePath.parse("Baum-Nr.")).hasMessageContaining("empty segment")
                .hasMessageContaining("written '\\.'");
        assertThatThrownBy(() -> SourcePath.parse("status..code")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> SourcePath.parse(".status")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> SourcePath.parse("C:\\data")).hasMessageContaining("escapes only '.' or '\\'");
        assertThatThrownBy(() -> SourcePath.parse("name\\")).hasMessageContaining("escapes only");
        assertThatThrownBy(() -> SourcePath.parse(" ")).hasMessageContaining("cannot be empty");
    }
}
