package civic.exchange.connectors.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionalIdsTest {

    @Test
    void twoInstancesGetDistinctPrefixesAndARestartItsOwnBack() {
        String one = TransactionalIds.defaultPrefix("Ingest-7.city.local", 8082);
        assertThat(one).isEqualTo("department-connectors-ingest-ingest-7.city.local-8082");
        assertThat(TransactionalIds.defaultPrefix("Ingest-7.city.local", 8082)).as("same instance, restarted").isEqualTo(one);
        assertThat(TransactionalIds.defaultPrefix("Ingest-7.city.local", 9082)).as("a second instance on the host").isNotEqualTo(one);
        assertThat(TransactionalIds.defaultPrefix("ingest-8.city.local", 8082)).as("another host").isNotEqualTo(one);
        assertThat(TransactionalIds.defaultPrefix("host name/with:odd chars", 1)).isEqualTo("department-connectors-ingest-host-name-with-odd-chars-1");
    }

    @Test
    void aConfiguredPrefixWins() {
        assertThat(TransactionalIds.prefix(Optional.of("ingest-pod-0"), 8082)).isEqualTo("ingest-pod-0");
        assertThat(TransactionalIds.prefix(Optional.of(" "), 8082)).startsWith(TransactionalIds.BASE + "-").endsWith("-8082");
        assertThat(TransactionalIds.prefix(Optional.empty(), 8082)).startsWith(TransactionalIds.BASE + "-").endsWith("-8082");
    }
}
