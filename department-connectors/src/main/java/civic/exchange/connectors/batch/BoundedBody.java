package civic.exchange.connectors.batch;

import civic.exchange.errors.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a body into memory, refusing it as soon as it passes the limit rather than after. */
public final class BoundedBody {

    private BoundedBody() {
    }

    /**
     * @param declaredLength the sender's Content-Length, or a negative number when unknown
     * @throws BatchRejectedException PAYLOAD_TOO_LARGE once more than {@code maxBytes} are declared or read
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength, maxBytes);
        }
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 8192), maxBytes));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(-1, maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static BatchRejectedException tooLarge(long size, long maxBytes) {
        return new BatchRejectedException(ErrorCode.PAYLOAD_TOO_LARGE,
                "The body is " + (size >= 0 ? size + " bytes" : "larger than " + maxBytes + " bytes")
                        + "; the limit is " + maxBytes + " bytes per request: split the batch",
                BatchRejectedException.detail().with("size", size >= 0 ? size : null).with("limit", maxBytes).map());
    }
}
