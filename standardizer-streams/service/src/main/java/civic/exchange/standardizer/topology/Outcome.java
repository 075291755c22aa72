package civic.exchange.standardizer.topology;

import civic.exchange.errors.ErrorCode;
import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.quality.RecordNotes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

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
     * @param source  the raw record it came from, should it still be refused on the way out
     * @param encoded the record in the canonical topic's wire format; null until encoded
     */
    record Canonical(String id, String localId, SpecificRecord record, RecordNotes notes, LinkOutcome link,
                     Source source, byte[] encoded) implements Outcome {

        public Canonical withLink(LinkOutcome outcome) {
            return new Canonical(id, localId, record, notes, outcome, source, encoded);
        }

        public Canonical withEncoded(byte[] bytes) {
            return new Canonical(id, localId, record, notes, link, source, bytes);
        }
    }

    /**
     * Where a canonical record came from: the raw record as read (references, not copies), its
     * record id (null when it has none) and its coordinates.
     */
    record Source(byte[] key, byte[] value, Headers headers, String recordId, String topic, int partition, long offset) {
    }

    /**
     * The raw payload, byte for byte; the reason also travels in the record's error headers.
     *
     * @param field the source field at fault; null when the record as a whole is
     * @param notes what mapping noticed before it refused the record
     */
    record Rejected(byte[] payload, ErrorCode code, String field, RecordNotes notes) implements Outcome {
    }

    /** A raw record whose record id this dataset already standardized within the dedupe window: written nowhere. */
    record Duplicate(String recordId) implements Outcome {
    }
}
