package civic.exchange.standardizer.topology;

import civic.exchange.errors.ErrorCode;
import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.quality.RecordNotes;
import org.apache.avro.specific.SpecificRecord;

/**
 * What standardizing one raw record gave: a canonical record, or the raw payload for the DLQ; with
 * what the quality accounting counts about it.
 */
public sealed interface Outcome {

    /**
     * @param id      canonical id (the record key)
     * @param localId the department's own id of the record
     * @param notes   what mapping noticed without refusing the record
     * @param link    what linking to a facility did
     */
    record Canonical(String id, String localId, SpecificRecord record, RecordNotes notes, LinkOutcome link)
            implements Outcome {

        public Canonical withLink(LinkOutcome outcome) {
            return new Canonical(id, localId, record, notes, outcome);
        }
    }

    /**
     * The raw payload, byte for byte; the reason also travels in the record's error headers.
     *
     * @param field the source field at fault; null when the record as a whole is
     * @param notes what mapping noticed before it refused the record
     */
    record Rejected(byte[] payload, ErrorCode code, String field, RecordNotes notes) implements Outcome {
    }
}
