package civic.exchange.facilityevents.archive.http;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.facilityevents.archive.InvalidQueryException;
import civic.exchange.facilityevents.archive.PeerUnavailableException;
import civic.exchange.facilityevents.archive.StoreUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class ArchiveErrorMappersTest {

    private final ArchiveErrorMappers mappers = new ArchiveErrorMappers();

    @Test
    void invalidQueryIsA400WithParameterAndAllowedValues() {
        Response response = mappers.invalidQuery(new InvalidQueryException("type", "Unknown type 'x'", List.of("TREE", "OTHER")));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getEntity())
                .isEqualTo(new ErrorBody("INVALID_PARAMETER", "Unknown type 'x'", "type", List.of("TREE", "OTHER")));
    }

    @Test
    void unavailableStoreIsA503WithRetryAfter() {
        Response response = mappers.storeUnavailable(new StoreUnavailableException("rebalancing"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo(String.valueOf(ArchiveErrorMappers.RETRY_AFTER_SECONDS));
        assertThat(((ErrorBody) response.getEntity()).error()).isEqualTo("STORE_UNAVAILABLE");
    }

    @Test
    void anInstanceThatDidNotAnswerIsA503NamingIt() {
        Response response = mappers.peerUnavailable(new PeerUnavailableException(new HostInfo("archive-2", 8083),
                "Archive instance archive-2:8083 did not answer the listing within 2000 ms", null));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo(String.valueOf(ArchiveErrorMappers.RETRY_AFTER_SECONDS));
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.error()).isEqualTo("INSTANCE_UNAVAILABLE");
        assertThat(body.message()).startsWith("Archive instance archive-2:8083 did not answer the listing within 2000 ms; "
                + "it holds part of the archive, so the answer would be incomplete.");
    }
}
