package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import civic.exchange.time.IsoInstants;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Date-time text to a UTC instant. Bare {@code timestamp} reads ISO-8601 ({@code 2021-01-11T15:51:02+05:30},
 * {@code ...Z}); {@code {timestamp: {pattern: "MM/dd/yyyy hh:mm:ss a", zone: America/Los_Angeles, locale: en-US}}}
 * reads any {@link DateTimeFormatter} pattern. An offset or zone in the text wins; text without one
 * is read in the transform's {@code zone}, else the spec's {@code input.zone}; with neither it is
 * {@code INVALID_DATE}, since its instant would be a guess. A pattern with a date but no time gives
 * the start of that day. Parsing is strict (no 31 February). The formatter is built once, at load,
 * and checked by formatting and re-reading a sample date.
 *
 * <p>A column written several ways takes a list of patterns, tried in order; the first that reads
 * the text wins (a ledger's {@code 2015年3月24日}, {@code 2008-9-7} and {@code 2022/11/27}:
 * {@code {timestamp: {pattern: ["yyyy年M月d日", "yyyy-M-d", "yyyy/M/d"], zone: Asia/Shanghai}}}).
 */
final class TimestampTransform extends TypedTransform {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** ISO-8601 with a mandatory offset: spec constants and defaults. */
    static final TimestampTransform ISO_WITHOUT_ZONE = new TimestampTransform(ISO, null, "ISO-8601");

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final ZonedDateTime SAMPLE = ZonedDateTime.of(2021, 3, 4, 15, 6, 7, 0, ZoneOffset.UTC);

    private final DateTimeFormatter formatter;
    private final ZoneId zone;
    private final String description;
    /** Reads the common fixed-width shapes of a zone-less pattern before the formatter; null if none. */
    private final FixedWidthDateTimes fast;
    /** The patterns after this one, tried in order when this one cannot read a text. */
    private final List<TimestampTransform> alternatives;

    private TimestampTransform(DateTimeFormatter formatter, ZoneId zone, String description) {
        this(formatter, zone, description, null);
    }

    private TimestampTransform(DateTimeFormatter formatter, ZoneId zone, String description, FixedWidthDateTimes fast) {
        this(formatter, zone, description, fast, List.of());
    }

    private TimestampTransform(DateTimeFormatter formatter, ZoneId zone, String description, FixedWidthDateTimes fast,
                               List<TimestampTransform> alternatives) {
        super("timestamp", EnumSet.of(ValueKind.ANY, ValueKind.TEXT), ValueKind.INSTANT);
        this.formatter = formatter;
        this.zone = zone;
        this.description = description;
        this.fast = fast;
        this.alternatives = List.copyOf(alternatives);
    }

    static TimestampTransform create(Object argument, TransformContext context) {
        Arguments args = Arguments.of("timestamp", argument, "pattern", Set.of("pattern", "zone", "locale"));
        ZoneId zone = context.zone();
        if (args.has("zone")) {
            String text = args.requiredText("zone");
            try {
                zone = ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("transform 'timestamp': unknown zone '" + text
                        + "' (a region like America/Los_Angeles, or an offset like +08:00)");
            }
        }
        if (!args.has("pattern")) {
            if (args.has("locale")) {
                throw new IllegalArgumentException("transform 'timestamp': 'locale' applies to a 'pattern'");
            }
            return new TimestampTransform(ISO, zone, "ISO-8601");
        }
        List<String> patterns = args.texts("pattern");
        Locale locale = Locale.US;
        if (args.has("locale")) {
            locale = Locale.forLanguageTag(args.requiredText("locale"));
            if (locale.getLanguage().isEmpty()) {
                throw new IllegalArgumentException("transform 'timestamp': unknown locale '" + args.requiredText("locale")
                        + "' (a language tag like en-US)");
            }
        }
        List<TimestampTransform> readers = new ArrayList<>();
        for (String pattern : patterns) {
            readers.add(forPattern(pattern, zone, locale));
        }
        if (readers.size() == 1) {
            return readers.get(0);
        }
        TimestampTransform first = readers.get(0);
        return new TimestampTransform(first.formatter, zone, "any of the patterns " + patterns.stream()
                .map(p -> "'" + p + "'").toList(), first.fast, readers.subList(1, readers.size()));
    }

    private static TimestampTransform forPattern(String pattern, ZoneId zone, Locale locale) {
        DateTimeFormatter formatter;
        try {
            formatter = formatter(pattern, locale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transform 'timestamp': invalid pattern '" + pattern + "': " + e.getMessage());
        }
        TimestampTransform transform = new TimestampTransform(formatter, zone, "the pattern '" + pattern + "'",
                zone != null ? FixedWidthDateTimes.of(pattern, locale) : null);
        transform.checkRoundTrip(pattern);
        return transform;
    }

    /** How a spec's pattern reads: case-insensitive, strict (no 31 February), in the current era. */
    static DateTimeFormatter formatter(String pattern, Locale locale) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
        if (pattern.indexOf('y') >= 0) {
            // Strict resolving needs an era for year-of-era ('yyyy'); records are all in the current one.
            builder.parseDefaulting(ChronoField.ERA, 1);
        }
        return builder.toFormatter(locale).withResolverStyle(ResolverStyle.STRICT);
    }

    /** A pattern must read back what it writes, or it would misread records silently (e.g. 'hh' without 'a'). */
    private void checkRoundTrip(String pattern) {
        ZoneId sampleZone = zone != null ? zone : ZoneOffset.UTC;
        ZonedDateTime sample = SAMPLE.withZoneSameInstant(sampleZone);
        String text;
        Instant back;
        try {
            text = formatter.format(sample);
            back = resolve(formatter.parse(text), sampleZone, text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("transform 'timestamp': the pattern '" + pattern
                    + "' cannot read a date-time back (" + e.getMessage() + ")");
        }
        if (back == null) {
            throw new IllegalArgumentException("transform 'timestamp': the pattern '" + pattern
                    + "' has no date in it");
        }
        if (!formatter.format(back.atZone(sampleZone)).equals(text)) {
            throw new IllegalArgumentException("transform 'timestamp': the pattern '" + pattern + "' does not read back"
                    + " what it writes ('" + text + "' reads as " + back + "); e.g. 'hh' needs 'a', 'HH' is 0-23");
        }
        if (zone == null && !formatter.parse(text).isSupported(ChronoField.INSTANT_SECONDS)) {
            throw new IllegalArgumentException("transform 'timestamp': the pattern '" + pattern + "' has no offset or zone,"
                    + " so give the zone its times are in (input.zone, or the transform's 'zone')");
        }
    }




    @Override
    public Object apply(Object value) {
        String text = Values.text(value).strip();
        if (text.isEmpty()) {
            return null;
        }
        return parse(text);
    }

    Instant parse(String text) {
        if (alternatives.isEmpty()) {
            return withinYears(parseOne(text), text);
        }
        try {
            return withinYears(parseOne(text), text);
        } catch (InvalidValueException notThisOne) {
            for (TimestampTransform alternative : alternatives) {
                try {
                    return withinYears(alternative.parseOne(text), text);
                } catch (InvalidValueException notThatOne) {
                    // the next pattern may read it
                }
            }
            throw new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(text) + " is not a date-time as "
                    + description + " writes it");
        }
    }

    private Instant parseOne(String text) {
        if (fast != null) {
            LocalDateTime local = fast.parse(text);
            if (local != null) {
                return inZone(local, zone, text);
            }
        }
        if (formatter == ISO) {
            Object iso = IsoInstants.parse(text);
            if (iso instanceof Instant instant) {
                return instant;
            }
            if (iso instanceof LocalDateTime local && zone != null) {
                return inZone(local, zone, text);
            }
        }
        TemporalAccessor parsed;
        try {
            parsed = formatter.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(text) + " is not a date-time as "
                    + description + " writes it" + (formatter == ISO ? " (e.g. 2021-01-11T15:51:02+05:30)" : ""));
        }
        Instant instant;
        try {
            instant = resolve(parsed, zone, text);
        } catch (DateTimeException e) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(text) + " is not a valid date-time: "
                    + e.getMessage());
        }
        if (instant == null) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(text)
                    + " has no offset or zone, and the spec declares none (input.zone)");
        }
        return instant;
    }

    /** The instant, or null when the text has no offset and no zone is given. */
    private static Instant resolve(TemporalAccessor parsed, ZoneId zone, String text) {
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed);
        }
        if (zone == null) {
            return null;
        }
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeException("it has no complete date");
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return inZone(LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time), zone, text);
    }

    /**
     * The instant of a local date-time in {@code zone}. A local time a clock change skipped (02:30 on
     * the night clocks go from 02:00 to 03:00) never happened there: no system could have recorded it,
     * so it is refused, not moved. A time that happened twice (clocks going back) is the earlier.
     */
    static Instant inZone(LocalDateTime local, ZoneId zone, String text) {
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(text) + " never happened in " + zone
                    + ": a clock change skipped that hour");
        }
        return local.atZone(zone).toInstant();
    }

    /** Canonical timestamps lie in the years 1 to 9999, as ISO-8601 writes them without a sign. */
    static Instant withinYears(Instant instant, Object text) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidValueException(ErrorCode.INVALID_DATE, Values.describe(text)
                    + " is outside the years 1 to 9999 a canonical timestamp may have");
        }
        return instant;
    }
}
