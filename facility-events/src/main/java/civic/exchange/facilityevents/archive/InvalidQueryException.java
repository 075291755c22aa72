package civic.exchange.facilityevents.archive;

import java.util.List;

/** A query parameter the archive cannot use; carries the parameter and, for enums, the values it accepts. */
public class InvalidQueryException extends RuntimeException {

    private final String parameter;
    private final List<String> allowed;

    public InvalidQueryException(String parameter, String message, List<String> allowed) {
        super(message);
        this.parameter = parameter;
        this.allowed = allowed == null ? null : List.copyOf(allowed);
    }

    public String parameter() {
        return parameter;
    }

    /** The accepted values, or null when the parameter is not an enumeration. */
    public List<String> allowed() {
        return allowed;
    }
}
