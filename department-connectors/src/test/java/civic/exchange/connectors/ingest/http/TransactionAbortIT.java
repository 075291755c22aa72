package civic.exchange.connectors.ingest.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import civic.exchange.connectors.RawTopicReader;
import civic.exchange.localbus.quarkus.LocalBusTestResource;
import civic.exchange.topics.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A batch the broker fails half-way is aborted as a whole. The middle record passes the ingest
 * limits (2 MiB per record under test) but is larger than the raw topic's max.message.bytes, so the
 * BROKER refuses it after the first record was sent in the same transaction: the answer is 503 and
 * a read-committed consumer sees none of the batch.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalBusTestResource.class, restrictToAnnotatedClass = false)
class TransactionAbortIT {

    private static final String TOPIC = Topics.raw("lighting", "streetlights");
    private static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;

    @Test
    void brokerFailureHalfWayAbortsTheWholeBatch() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        RawTopicReader.createTopic(bootstrap, TOPIC, Map.of());
        int topicLimit = maxMessageBytes(bootstrap);
        int blobBytes = topicLimit + 64 * 1024;
        assertThat(blobBytes * 4 / 3 + 100).as("the refused record must still pass the ingest limit").isLessThan(MAX_RECORD_BYTES);

        try (RawTopicReader reader = new RawTopicReader(bootstrap, TOPIC)) {
            long logEndBefore = sum(reader.logEndOffsets());
            byte[] noise = new byte[blobBytes];
            new SecureRandom().nextBytes(noise); // incompressible: stays over the topic's limit after compression
            String batch = "[{\"id\":\"abort-first-fits\"},{\"id\":\"abort-second-too-big\",\"blob\":\""
                    + Base64.getEncoder().encodeToString(noise) + "\"},{\"id\":\"abort-third-fits\"}]";

            given().contentType("application/json").body(batch.getBytes(StandardCharsets.UTF_8))
                    .post("/ingest/lighting/streetlights").then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("error", equalTo("INTERNAL_ERROR"))
                    .body("outcomeUnknown", equalTo(false))
                    .body("message", containsString(TOPIC));

            given().contentType("application/json").body("{\"id\":\"abort-sentinel\"}".getBytes(StandardCharsets.UTF_8))
                    .post("/ingest/lighting/streetlights").then()
                    .statusCode(202);

            List<ConsumerRecord<byte[], byte[]>> seen = reader.readToEnd();
            assertThat(seen).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("abort-sentinel");
            // the failed batch did reach the broker: besides the sentinel and its commit marker the log
            // holds at least one abort marker of the failed transaction (and whatever records it wrote)
            assertThat(sum(reader.logEndOffsets()) - logEndBefore).isGreaterThanOrEqualTo(3);
        }
    }

    private static int maxMessageBytes(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            return Integer.parseInt(admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
        }
    }

    private static long sum(Map<?, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
