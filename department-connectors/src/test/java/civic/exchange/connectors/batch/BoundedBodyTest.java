package civic.exchange.connectors.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import civic.exchange.errors.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

    @Test
    void aDeclaredBodyIsReservedWholeBeforeItIsReadAndHashedAsRead() throws Exception {
        byte[] body = "{\"id\":\"lamp-1\"}".getBytes(StandardCharsets.UTF_8);
        MemoryBudget budget = new MemoryBudget(100);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (MemoryBudget.Reservation reservation = budget.reservation()) {
            byte[] read = BoundedBody.read(new ByteArrayInputStream(body), body.length, 1000, reservation, digest);

            assertThat(read).isEqualTo(body);
            assertThat(reservation.held()).isEqualTo(body.length);
            assertThat(budget.inUse()).isEqualTo(body.length);
        }
        assertThat(budget.inUse()).as("released when the request is done").isZero();
        assertThat(digest.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
    }

    @Test
    void aDeclaredBodyThatDoesNotFitTheBudgetIsRefusedUnread() {
        MemoryBudget budget = new MemoryBudget(100);
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        try (MemoryBudget.Reservation held = budget.reservation(); MemoryBudget.Reservation reservation = budget.reservation()) {
            assertThat(held.grow(60)).isTrue();

            BudgetExceededException e = catchThrowableOfType(BudgetExceededException.class,
                    () -> BoundedBody.read(unread, 41, 1000, reservation, null));

            assertThat(e.requested()).isEqualTo(41);
            assertThat(e.inUse()).isEqualTo(60);
            assertThat(e.capacity()).isEqualTo(100);
            assertThat(reservation.held()).isZero();
        }
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aBodyWithoutLengthIsReservedChunkByChunkUntilTheBudgetIsFull() throws Exception {
        MemoryBudget budget = new MemoryBudget(3L * BoundedBody.CHUNK);
        byte[] fits = new byte[2 * BoundedBody.CHUNK + 10];
        fits[fits.length - 1] = 7;
        try (MemoryBudget.Reservation reservation = budget.reservation()) {
            assertThat(BoundedBody.read(new ByteArrayInputStream(fits), -1, 10_000_000, reservation, null)).isEqualTo(fits);
            assertThat(reservation.held()).isEqualTo(3L * BoundedBody.CHUNK);
        }
        try (MemoryBudget.Reservation reservation = budget.reservation()) {
            assertThat(catchThrowableOfType(BudgetExceededException.class, () -> BoundedBody.read(
                    new ByteArrayInputStream(new byte[3 * BoundedBody.CHUNK + 1]), -1, 10_000_000, reservation, null)))
                    .isNotNull();
        }
        assertThat(budget.inUse()).isZero();
    }

    @Test
    void aBodyLongerThanItsDeclaredLengthIsRefused() {
        BatchRejectedException e = catchThrowableOfType(BatchRejectedException.class,
                () -> BoundedBody.read(new ByteArrayInputStream(new byte[11]), 10, 1000));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.details()).containsEntry("contentLength", 10);
    }

    @Test
    void aBodyShorterThanItsDeclaredLengthIsWhatCame() throws Exception {
        assertThat(BoundedBody.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10, 1000)).containsExactly(1, 2, 3);
    }
}
