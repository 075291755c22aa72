package civic.exchange.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The common shapes of ISO-8601 date-times, read without a {@code DateTimeFormatter}:
 * {@code yyyy-MM-ddTHH:mm[:ss[.fraction]]} followed by {@code Z}, {@code ±HH:MM} or nothing. The
 * formatter-based parser is several times slower and most records write exactly these shapes;
 * anything else (or anything invalid) is left to it, so what is accepted does not change.
 */
public final class IsoInstants {

    /** Returned when the text is not one of the fast shapes: use the formatter. */
    public static final Object NOT_FAST = new Object();

    private static final long SECONDS_PER_DAY = 86_400L;
    /** ISO-8601 offsets reach ±18:00, as {@link java.time.ZoneOffset} does. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private IsoInstants() {
    }

    /**
     * @return the instant; a {@link LocalDateTime} when the text has no offset; or {@link #NOT_FAST}
     */
    public static Object parse(String s) {
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return NOT_FAST;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if ((year | month | day | hour | minute) < 0) {
            return NOT_FAST;
        }
        int i = 16;
        int second = 0;
        int nano = 0;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            if (second < 0) {
                return NOT_FAST;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                    nano = nano * 10 + (s.charAt(i) - '0');
                    i++;
                }
                if (i == start || i < n && isDigit(s.charAt(i))) {
                    return NOT_FAST;
                }
                for (int k = i - start; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return NOT_FAST; // the formatter says what is wrong
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return NOT_FAST;
        }
        if (i == n) {
            return LocalDateTime.of(date, LocalTime.of(hour, minute, second, nano));
        }
        // Straight to epoch seconds: no LocalDateTime, and no ZoneOffset looked up in its cache.
        long epochSecond = date.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        char c = s.charAt(i);
        if (c == 'Z' && i + 1 == n) {
            return Instant.ofEpochSecond(epochSecond, nano);
        }
        if ((c == '+' || c == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            int offset = oh * 3600 + om * 60;
            if (oh < 0 || om < 0 || om > 59 || offset > MAX_OFFSET_SECONDS) {
                return NOT_FAST;
            }
            return Instant.ofEpochSecond(epochSecond - (c == '-' ? -offset : offset), nano);
        }
        return NOT_FAST;
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
