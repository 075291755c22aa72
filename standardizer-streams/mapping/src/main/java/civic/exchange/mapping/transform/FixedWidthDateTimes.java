package civic.exchange.mapping.transform;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A date-time pattern made only of fixed-width numbers ({@code yyyy uuuu MM dd HH hh mm ss S…}),
 * an AM/PM marker ({@code a}) and separators, read without a {@code DateTimeFormatter}: department
 * exports write dates like {@code 11/29/2019 12:00:00 AM}, and the formatter costs several times
 * more per value. It is a fast path only: text it does not take exactly (a wider year, a missing
 * digit, an invalid date) returns null and goes to the formatter, so what is accepted, and the
 * error for what is not, stay the formatter's.
 */
final class FixedWidthDateTimes {

    private enum Kind { YEAR, MONTH, DAY, HOUR_OF_DAY, CLOCK_HOUR, MINUTE, SECOND, FRACTION, AM_PM, LITERAL }

    private record Part(Kind kind, int width, char literal) {
    }

    private final Part[] parts;
    private final String am;
    private final String pm;

    private FixedWidthDateTimes(List<Part> parts, String am, String pm) {
        this.parts = parts.toArray(Part[]::new);
        this.am = am;
        this.pm = pm;
    }

    /** The fast reader of a pattern, or null when the pattern has anything else (then only the formatter reads it). */
    static FixedWidthDateTimes of(String pattern, Locale locale) {
        List<Part> parts = new ArrayList<>();
        boolean[] seen = new boolean[Kind.values().length];
        for (int i = 0; i < pattern.length(); ) {
            char c = pattern.charAt(i);
            int run = 1;
            while (i + run < pattern.length() && pattern.charAt(i + run) == c) {
                run++;
            }
            Part part = part(c, run);
            if (part == null || part.kind != Kind.LITERAL && seen[part.kind.ordinal()]) {
                return null;
            }
            if (part.kind == Kind.LITERAL) {
                for (int k = 0; k < run; k++) {
                    parts.add(part);
                }
            } else {
                seen[part.kind.ordinal()] = true;
                parts.add(part);
            }
            i += run;
        }
        boolean date = seen[Kind.YEAR.ordinal()] && seen[Kind.MONTH.ordinal()] && seen[Kind.DAY.ordinal()];
        boolean hour = seen[Kind.HOUR_OF_DAY.ordinal()] || seen[Kind.CLOCK_HOUR.ordinal()];
        boolean anyTime = hour || seen[Kind.MINUTE.ordinal()] || seen[Kind.SECOND.ordinal()] || seen[Kind.FRACTION.ordinal()];
        // Only shapes whose reading is unambiguous: a full date, and a time down to at least the minute.
        if (!date || anyTime && !(hour && seen[Kind.MINUTE.ordinal()])
                || seen[Kind.FRACTION.ordinal()] && !seen[Kind.SECOND.ordinal()]
                || seen[Kind.CLOCK_HOUR.ordinal()] != seen[Kind.AM_PM.ordinal()]
                || seen[Kind.HOUR_OF_DAY.ordinal()] && seen[Kind.CLOCK_HOUR.ordinal()]) {
            return null;
        }
        DateTimeFormatter marker = DateTimeFormatter.ofPattern("a", locale);
        return new FixedWidthDateTimes(parts, marker.format(LocalTime.of(1, 0)), marker.format(LocalTime.of(13, 0)));
    }

    private static Part part(char c, int run) {
        return switch (c) {
            case 'y', 'u' -> run == 4 ? new Part(Kind.YEAR, 4, c) : null;
            case 'M' -> run == 2 ? new Part(Kind.MONTH, 2, c) : null;
            case 'd' -> run == 2 ? new Part(Kind.DAY, 2, c) : null;
            case 'H' -> run == 2 ? new Part(Kind.HOUR_OF_DAY, 2, c) : null;
            case 'h' -> run == 2 ? new Part(Kind.CLOCK_HOUR, 2, c) : null;
            case 'm' -> run == 2 ? new Part(Kind.MINUTE, 2, c) : null;
            case 's' -> run == 2 ? new Part(Kind.SECOND, 2, c) : null;
            case 'S' -> run <= 9 ? new Part(Kind.FRACTION, run, c) : null;
            case 'a' -> run == 1 ? new Part(Kind.AM_PM, 0, c) : null;
            // Letters are fields, quotes and brackets are pattern syntax: not for the fast path.
            case '\'', '[', ']', '{', '}', '#' -> null;
            default -> Character.isLetter(c) ? null : new Part(Kind.LITERAL, 1, c);
        };
    }

    /** The local date-time the text writes, or null when the formatter must read it. */
    LocalDateTime parse(String text) {
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nano = 0;
        int pmShift = -1;
        int at = 0;
        int n = text.length();
        for (Part part : parts) {
            if (part.kind == Kind.LITERAL) {
                if (at >= n || text.charAt(at) != part.literal) {
                    return null;
                }
                at++;
                continue;
            }
            if (part.kind == Kind.AM_PM) {
                if (text.regionMatches(true, at, am, 0, am.length())) {
                    pmShift = 0;
                    at += am.length();
                } else if (text.regionMatches(true, at, pm, 0, pm.length())) {
                    pmShift = 12;
                    at += pm.length();
                } else {
                    return null;
                }
                continue;
            }
            if (at + part.width > n) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < part.width; k++) {
                char c = text.charAt(at + k);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            at += part.width;
            switch (part.kind) {
                case YEAR -> year = value;
                case MONTH -> month = value;
                case DAY -> day = value;
                case HOUR_OF_DAY, CLOCK_HOUR -> hour = value;
                case MINUTE -> minute = value;
                case SECOND -> second = value;
                case FRACTION -> {
                    nano = value;
                    for (int k = part.width; k < 9; k++) {
                        nano *= 10;
                    }
                }
                default -> throw new IllegalStateException(part.kind.name());
            }
        }
        if (at != n || year == 0 || minute > 59 || second > 59) {
            return null;
        }
        if (pmShift >= 0) {
            if (hour < 1 || hour > 12) {
                return null;
            }
            hour = hour % 12 + pmShift;
        } else if (hour > 23) {
            return null;
        }
        try {
            return LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nano));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
