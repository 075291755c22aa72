package civic.exchange.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContentNegotiationTest {

    @Test
    void withoutAcceptOrWithAWildcardTheRegistryTypeIsAnswered() {
        assertThat(ContentNegotiation.negotiate(null)).isEqualTo(RestHandler.CONTENT_TYPE);
        assertThat(ContentNegotiation.negotiate(List.of("*/*"))).isEqualTo(RestHandler.CONTENT_TYPE);
        assertThat(ContentNegotiation.negotiate(List.of("application/*"))).isEqualTo(RestHandler.CONTENT_TYPE);
    }

    @Test
    void confluentClientsAcceptHeaderGetsTheV1Type() {
        assertThat(ContentNegotiation.negotiate(List.of("application/vnd.schemaregistry.v1+json, "
                + "application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5")))
                .isEqualTo(RestHandler.CONTENT_TYPE);
    }

    @Test
    void plainJsonClientsGetPlainJson() {
        assertThat(ContentNegotiation.negotiate(List.of("application/json"))).isEqualTo("application/json");
        assertThat(ContentNegotiation.negotiate(List.of("application/json;q=0.9, application/vnd.schemaregistry+json;q=0.5")))
                .isEqualTo("application/json");
        assertThat(ContentNegotiation.negotiate(List.of("text/html, application/vnd.schemaregistry+json")))
                .isEqualTo("application/vnd.schemaregistry+json");
    }

    @Test
    void unacceptableTypesAre406() {
        assertThatThrownBy(() -> ContentNegotiation.negotiate(List.of("text/html")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode).isEqualTo(406));
        assertThatThrownBy(() -> ContentNegotiation.negotiate(List.of("application/json;q=0")))
                .isInstanceOf(RegistryException.class);
    }
}
