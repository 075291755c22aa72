package civic.exchange.connectors.batch;

/**
 * A body did not fit in the memory budget for bodies in flight: the request is not the sender's
 * fault and may be sent again later. Nothing of it was written.
 */
public class BudgetExceededException extends RuntimeException {

    private final long requested;
    private final long inUse;
    private final long capacity;

    public BudgetExceededException(long requested, long inUse, long capacity) {
        super("The service holds " + inUse + " of its " + capacity + " bytes for request bodies in flight and cannot take "
                + requested + " more now; nothing was written: retry later");
        this.requested = requested;
        this.inUse = inUse;
        this.capacity = capacity;
    }

    public long requested() {
        return requested;
    }

    public long inUse() {
        return inUse;
    }

    public long capacity() {
        return capacity;
    }
}
