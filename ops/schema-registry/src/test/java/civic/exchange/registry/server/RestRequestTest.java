package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestRequestTest {

    @Test
    void pathSegmentsAreDecodedAfterSplitting() {
        assertThat(RestRequest.segments("/subjects/a%2Fb/versions/")).containsExactly("subjects", "a/b", "versions");
        assertThat(RestRequest.segments("/subjects/a+b%20c")).containsExactly("subjects", "a+b c");
        assertThat(RestRequest.segments("/")).isEmpty();
    }
}
