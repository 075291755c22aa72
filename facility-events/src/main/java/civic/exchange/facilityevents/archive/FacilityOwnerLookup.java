package civic.exchange.facilityevents.archive;

/**
 * Finds the instance whose store holds a facility. The seam for running several instances: each
 * instance owns some partitions of {@code canonical.facility}, and a query for an id must be
 * answered by the owner of that id's partition.
 */
@FunctionalInterface
public interface FacilityOwnerLookup {

    /** @throws StoreUnavailableException while ownership is unknown (starting or rebalancing) */
    FacilityOwner ownerOf(String facilityId);
}
