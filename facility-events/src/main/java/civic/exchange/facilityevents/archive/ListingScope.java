package civic.exchange.facilityevents.archive;

import java.util.List;
import java.util.Locale;

/** Which partitions a listing covers: every instance's (what clients ask), or only this instance's (what instances ask each other). */
public enum ListingScope {
    ALL,
    LOCAL;

    /** {@code all} or {@code local} in any case; null or blank is {@link #ALL}. */
    public static ListingScope parse(String value) {
        if (value == null || value.isBlank()) {
            return ALL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("scope", "Unknown scope '" + value + "': expected one of all, local",
                    List.of("all", "local"));
        }
    }
}
