package civic.exchange.facilityevents.archive;

import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A listing of the archive: optional type and status (canonical enum symbols), at most {@code limit}
 * facilities. Built from raw request text by {@link #parse}, which rejects what it cannot use with a
 * precise reason rather than silently ignoring it.
 */
public record FacilityQuery(FacilityType type, FacilityStatus status, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public FacilityQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit, null);
        }
    }

    /** Every facility, up to the default limit. */
    public static FacilityQuery all() {
        return new FacilityQuery(null, null, DEFAULT_LIMIT);
    }

    /**
     * @param type   a {@link FacilityType} symbol in any case, or null/blank for any type
     * @param status a {@link FacilityStatus} symbol in any case, or null/blank for any status
     * @param limit  an integer 1..{@value #MAX_LIMIT}, or null/blank for {@value #DEFAULT_LIMIT}
     */
    public static FacilityQuery parse(String type, String status, String limit) {
        return new FacilityQuery(
                symbol("type", type, FacilityType.class),
                symbol("status", status, FacilityStatus.class),
                limit(limit));
    }

    public boolean matches(Facility facility) {
        return (type == null || type == facility.getType()) && (status == null || status == facility.getStatus());
    }

    private static <E extends Enum<E>> E symbol(String parameter, String value, Class<E> enumType) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String wanted = value.trim().toUpperCase(Locale.ROOT);
        for (E symbol : enumType.getEnumConstants()) {
            if (symbol.name().equals(wanted)) {
                return symbol;
            }
        }
        List<String> allowed = Arrays.stream(enumType.getEnumConstants()).map(Enum::name).toList();
        throw new InvalidQueryException(parameter,
                "Unknown " + parameter + " '" + value + "': expected one of " + String.join(", ", allowed), allowed);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidQueryException("limit",
                    "limit must be an integer between 1 and " + MAX_LIMIT + ", got '" + value + "'", null);
        }
    }
}
