package civic.exchange.standardizer.link;

/** What linking did to one record; counted per dataset in the quality reports. */
public enum LinkOutcome {
    /** The dataset does not link (facilities themselves, or no {@code link:} in its spec). */
    NOT_LINKED,
    /** The record came with a facility id of its own, kept as is. */
    GIVEN,
    /** The record named its facility by a department's local id, found in the cross-reference. */
    REFERENCE,
    /** The record named a facility by a local id the cross-reference does not know: left unlinked. */
    UNRESOLVED_REFERENCE,
    /** Linked to the nearest facility of a compatible type within the radius. */
    NEAREST,
    /** No facility of a compatible type within the radius: left unlinked. */
    NONE_IN_RADIUS,
    /** The record has no location to search from: left unlinked. */
    NO_LOCATION,
    /** No facility type is compatible with this record (e.g. its service is not about a facility). */
    NO_COMPATIBLE_TYPE
}
