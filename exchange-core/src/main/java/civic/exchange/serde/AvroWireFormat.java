package civic.exchange.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian),
 * then the Avro binary encoding of the value.
 */
public final class AvroWireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int ID_SIZE = 4;
    public static final int HEADER_SIZE = 1 + ID_SIZE;

    private AvroWireFormat() {
    }

    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** Schema id of a framed payload; an {@link UnreadableRecordException} for anything not in the wire format. */
    public static int schemaId(byte[] payload, String topic) {
        if (payload.length < HEADER_SIZE) {
            throw new UnreadableRecordException("Record on topic '" + topic + "' is " + payload.length
                    + " bytes, shorter than the 5-byte Confluent wire-format header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new UnreadableRecordException(String.format(
                    "Unknown magic byte 0x%02x in a record on topic '%s': expected 0x00 (Confluent Avro wire format)",
                    payload[0] & 0xff, topic));
        }
        return ByteBuffer.wrap(payload, 1, ID_SIZE).getInt();
    }
}
