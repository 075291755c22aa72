package civic.exchange.connectors.batch;

import civic.exchange.errors.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a body into memory once, into one array of its size, within a {@link MemoryBudget}: refused
 * as soon as it passes the size limit rather than after, and refused before it is read when its
 * bytes do not fit in the budget.
 */
public final class BoundedBody {

    /** Bytes reserved and read at a time when the length is not declared. */
    static final int CHUNK = 64 * 1024;

    private BoundedBody() {
    }

    /**
     * @param declaredLength the sender's Content-Length, or a negative number when unknown
     * @throws BatchRejectedException PAYLOAD_TOO_LARGE once more than {@code maxBytes} are declared or read
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        try (MemoryBudget.Reservation reservation = MemoryBudget.unlimited().reservation()) {
            return read(in, declaredLength, maxBytes, reservation, null);
        }
    }

    /**
     * Reads the whole body. With a declared length the body's bytes are reserved before anything is
     * read and read straight into an array of that size; without one they are reserved and read
     * chunk by chunk, then joined (only then is the body briefly held twice).
     *
     * @param declaredLength the sender's Content-Length, or a negative number when unknown
     * @param reservation    what the request holds of the memory budget; grows by what is read
     * @param digest         updated with every byte of the body; null when nobody needs it
     * @throws BatchRejectedException  PAYLOAD_TOO_LARGE once more than {@code maxBytes} are declared or
     *                                 read; INVALID_VALUE when the body is longer than declared
     * @throws BudgetExceededException when the body's bytes do not fit in the budget
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes, MemoryBudget.Reservation reservation,
                              MessageDigest digest) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength, maxBytes);
        }
        if (in == null) {
            return new byte[0];
        }
        if (declaredLength >= 0) {
            return readDeclared(in, (int) declaredLength, reservation, digest);
        }
        return readChunked(in, maxBytes, reservation, digest);
    }

    private static byte[] readDeclared(InputStream in, int length, MemoryBudget.Reservation reservation, MessageDigest digest)
            throws IOException {
        reserve(reservation, length);
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        if (digest != null) {
            digest.update(body, 0, read);
        }
        if (read < length) {
            // the sender stopped early: what came is the body
            return Arrays.copyOf(body, read);
        }
        if (in.read() != -1) {
            throw new BatchRejectedException(ErrorCode.INVALID_VALUE, "The body is longer than the " + length
                    + " bytes its Content-Length declares",
                    BatchRejectedException.detail().with("contentLength", length).map());
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, long maxBytes, MemoryBudget.Reservation reservation, MessageDigest digest)
            throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long total = 0;
        int last = 0;
        while (true) {
            reserve(reservation, CHUNK);
            byte[] chunk = new byte[CHUNK];
            last = in.readNBytes(chunk, 0, CHUNK);
            total += last;
            if (total > maxBytes) {
                throw tooLarge(-1, maxBytes);
            }
            if (digest != null) {
                digest.update(chunk, 0, last);
            }
            chunks.add(chunk);
            if (last < CHUNK) {
                break;
            }
        }
        if (chunks.size() == 1) {
            return last == CHUNK ? chunks.get(0) : Arrays.copyOf(chunks.get(0), last);
        }
        byte[] body = new byte[(int) total];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            int n = i == chunks.size() - 1 ? last : CHUNK;
            System.arraycopy(chunks.get(i), 0, body, at, n);
            chunks.set(i, null);
            at += n;
        }
        return body;
    }

    private static void reserve(MemoryBudget.Reservation reservation, long bytes) {
        if (!reservation.grow(bytes)) {
            MemoryBudget budget = reservation.budget();
            throw new BudgetExceededException(bytes, budget.inUse(), budget.capacity());
        }
    }

    private static BatchRejectedException tooLarge(long size, long maxBytes) {
        return new BatchRejectedException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The body is " + (size >= 0 ? size + " bytes" : "larger than " + maxBytes + " bytes")
                        + "; the limit is " + maxBytes + " bytes per request: split the batch",
                BatchRejectedException.detail().with("size", size >= 0 ? size : null).with("limit", maxBytes).map());
    }
}
