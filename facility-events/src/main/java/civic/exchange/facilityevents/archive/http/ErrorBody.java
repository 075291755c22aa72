package civic.exchange.facilityevents.archive.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** JSON error answer: a stable machine-readable code, a reason for people, and the accepted values when useful. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String parameter, List<String> allowed) {

    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String INVALID_PARAMETER = "INVALID_PARAMETER";
    public static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";
    public static final String INSTANCE_UNAVAILABLE = "INSTANCE_UNAVAILABLE";

    public static ErrorBody of(String error, String message) {
        return new ErrorBody(error, message, null, null);
    }
}
