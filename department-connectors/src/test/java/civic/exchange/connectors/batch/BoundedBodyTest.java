package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.errors.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void readsABodyUpToTheLimit() throws Exception {
        byte[] body = new byte[1000];

        assertThat(BoundedBody.read(new ByteArrayInputStream(body), -1, 1000)).hasSize(1000);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };

        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class, () -> BoundedBody.read(unread, 1001, 1000));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("size", 1001L).containsEntry("limit", 1000L);
    }

    @Test
    void refusesAStreamThatRunsPastTheLimit() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> BoundedBody.read(new ByteArrayInputStream(new byte[200_000]), -1, 100_000));

        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(e.details()).containsEntry("limit", 100_000L);
    }

    @Test
    void noStreamIsAnEmptyBody() throws Exception {
        assertThat(BoundedBody.read(null, -1, 10)).isEmpty();
    }
}
