package civic.exchange.localbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import civic.exchange.localbus.junit.LocalBusExtension;
import civic.exchange.topics.CanonicalEntity;
import civic.exchange.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fixtures every module's integration tests use. */
@ExtendWith(LocalBusExtension.class)
class BusFixtureIT {

    @Test
    void extensionInjectsOneSharedBusWithCatalogTopicsAndRegistry(BusFixture bus, BusFixture again) throws Exception {
        assertThat(again).isSameAs(bus);
        try (Admin admin = Admin.create(bus.clientConfig())) {
            assertThat(admin.listTopics().names().get()).contains(Topics.raw("lighting", "streetlights"), CanonicalEntity.FACILITY.topic());
        }
        HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(bus.schemaRegistryUrl() + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
        assertThat(subjects.body()).contains("canonical.facility-value", "canonical.service-request-value",
                "canonical.work-order-value", "canonical.observation-value");
    }

    @Test
    void createTopicsIsIdempotent(BusFixture bus) throws Exception {
        bus.createTopics(2, "fixture-it-topic");
        bus.createTopics(2, "fixture-it-topic");
        try (Admin admin = Admin.create(bus.clientConfig())) {
            assertThat(admin.describeTopics(java.util.List.of("fixture-it-topic")).allTopicNames().get()
                    .get("fixture-it-topic").partitions()).hasSize(2);
        }
    }

    /** The Testcontainers implementation of the same fixture; skipped, with the reason, where no Docker engine runs. */
    @Test
    void testcontainersFixtureWhereDockerRuns() {
        assumeTrue(TestcontainersBus.dockerAvailable(), "No Docker engine found: the Testcontainers bus fixture is skipped");
        try (BusFixture bus = BusFixtures.create("testcontainers")) {
            bus.createTopics(1, "tc-probe");
            assertThat(bus.bootstrapServers()).isNotBlank();
        }
    }
}
