package civic.exchange.registry.conformance;

import static civic.exchange.registry.conformance.Registry.assertError;
import static civic.exchange.registry.conformance.Registry.body;
import static civic.exchange.registry.conformance.Registry.enc;
import static civic.exchange.registry.conformance.Registry.field;
import static civic.exchange.registry.conformance.Registry.get;
import static civic.exchange.registry.conformance.Registry.ok;
import static civic.exchange.registry.conformance.Registry.record;
import static civic.exchange.registry.conformance.Registry.request;
import static civic.exchange.registry.conformance.Registry.send;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Content types ("Content types" in the API reference) and the shape of errors. */
@DisplayName("Content types and errors")
class ProtocolIT {

    private static final String GAUGE = record("Gauge", field("value", "double"));

    @Test
    @DisplayName("Responses are 'application/vnd.schemaregistry.v1+json' when the client states no preference")
    void defaultResponseType() {
        assertThat(get("/subjects").contentType()).startsWith(Registry.V1_JSON);
        assertThat(get("/schemas/ids/2000000001").contentType()).as("errors too").startsWith(Registry.V1_JSON);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream"})
    @DisplayName("Request bodies are accepted as the documented content types")
    void acceptedRequestTypes(String contentType) {
        String subject = subject("content-" + contentType.replaceAll("[^a-z0-9]", "-"));

        Registry.Reply reply = send(request("/subjects/" + enc(subject) + "/versions")
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body(GAUGE))));

        assertThat(ok(reply).get("id").asInt()).isPositive();
    }

    @Test
    @DisplayName("'Accept: application/json' gets application/json")
    void plainJsonIsNegotiated() {
        Registry.Reply reply = send(request("/subjects").header("Accept", "application/json").GET());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
    }

    @Test
    @DisplayName("Confluent's client Accept header gets application/vnd.schemaregistry.v1+json")
    void confluentClientAcceptHeader() {
        Registry.Reply reply = send(request("/subjects").header("Accept",
                "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5").GET());

        assertThat(reply.contentType()).startsWith(Registry.V1_JSON);
    }

    @Test
    @DisplayName("An unsupported request content type is refused with 415")
    void unsupportedRequestTypeIs415() {
        Registry.Reply reply = send(request("/subjects/" + enc(subject("content-text")) + "/versions")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body(GAUGE))));

        assertThat(reply.status()).isEqualTo(415);
    }

    @Test
    @DisplayName("An unknown path is 404 with Confluent's error body")
    void unknownPathIs404() {
        assertError(get("/no/such/resource"), 404, 404, null);
    }

    @Test
    @DisplayName("A subject name with characters to encode round-trips through the path")
    void encodedSubjectNames() {
        String subject = subject("with space:and.colon");
        int id = Registry.register(subject, GAUGE);

        assertThat(ok(get("/subjects/" + enc(subject) + "/versions/1")).get("subject").asText()).isEqualTo(subject);
        assertThat(ok(get("/subjects/" + enc(subject) + "/versions/1")).get("id").asInt()).isEqualTo(id);
    }
}
