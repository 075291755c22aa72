package civic.exchange.standardizer.topology;

import org.apache.avro.specific.SpecificRecord;

/** What standardizing one raw record gave: a canonical record, or the raw payload for the DLQ. */
public sealed interface Outcome {

    record Canonical(SpecificRecord record) implements Outcome {
    }

    /** The raw payload, byte for byte; the reason travels in the record's error headers. */
    record Rejected(byte[] payload) implements Outcome {
    }
}
