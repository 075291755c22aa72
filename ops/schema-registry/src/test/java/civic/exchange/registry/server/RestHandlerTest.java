package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestHandlerTest {

    @Test
    void pathSegmentsAreDecodedAfterSplitting() {
        assertThat(RestHandler.segments("/subjects/a%2Fb/versions/")).containsExactly("subjects", "a/b", "versions");
        assertThat(RestHandler.segments("/subjects/a+b%20c")).containsExactly("subjects", "a+b c");
        assertThat(RestHandler.segments("/")).isEmpty();
    }
}
