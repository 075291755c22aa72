package civic.exchange.connectors.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class RawProducerConfigTest {

    @Test
    void guaranteesCannotBeTurnedOffByConfiguration() {
        Map<String, Object> config = RawProducerConfig.of(Map.of(
                "bootstrap.servers", "broker:9092",
                "acks", "1",
                "enable.idempotence", "false",
                "transactional.id", "someone-else",
                "linger.ms", "20"), "ingest-0", 1024 * 1024);

        assertThat(config)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingest-0")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
    }

    @Test
    void dropsSettingsAProducerDoesNotKnowAndLeavesRoomForTheLargestRecord() {
        Map<String, Object> config = RawProducerConfig.of(Map.of("group.id", "department-connectors",
                "auto.offset.reset", "earliest"), "ingest-0", 1000);

        assertThat(config).doesNotContainKeys("group.id", "auto.offset.reset");
        assertThat((Integer) config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).isGreaterThan(1000);
    }
}
