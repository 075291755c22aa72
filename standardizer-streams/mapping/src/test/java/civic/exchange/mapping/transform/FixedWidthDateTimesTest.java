package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path must read exactly as the spec's formatter does, or leave the text to it. */
class FixedWidthDateTimesTest {

    private static final String[] PATTERNS = {"MM/dd/yyyy hh:mm:ss a", "yyyy-MM-dd HH:mm:ss", "dd.MM.yyyy HH:mm",
            "yyyyMMdd", "yyyy-MM-dd HH:mm:ss.SSS", "uuuu/MM/dd", "hh:mm a, dd-MM-yyyy"};

    @Test
    void readsWhatTheFormatterWritesAsTheFormatterReadsIt() {
        Random random = new Random(7);
        for (String pattern : PATTERNS) {
            for (Locale locale : new Locale[] {Locale.US, Locale.ROOT}) {
                DateTimeFormatter formatter = TimestampTransform.formatter(pattern, locale);
                FixedWidthDateTimes fast = FixedWidthDateTimes.of(pattern, locale);
                assertThat(fast).as(pattern).isNotNull();
                for (int i = 0; i < 5_000; i++) {
                    LocalDateTime value = LocalDateTime.of(1 + random.nextInt(9999), 1 + random.nextInt(12), 1, 0, 0)
                            .plusDays(random.nextInt(31)).plusSeconds(random.nextInt(86_400)).plusNanos(random.nextInt(1_000_000_000));
                    String text = formatter.format(value);
                    assertThat(fast.parse(text)).as(pattern + ": " + text).isEqualTo(reference(formatter, text));
                }
            }
        }
    }

    @Test
    void takesNothingTheFormatterRefusesOrReadsOtherwise() {
        Random random = new Random(11);
        String alphabet = "0123456789/:-. APMapm,x";
        for (String pattern : PATTERNS) {
            DateTimeFormatter formatter = TimestampTransform.formatter(pattern, Locale.US);
            FixedWidthDateTimes fast = FixedWidthDateTimes.of(pattern, Locale.US);
            for (int i = 0; i < 20_000; i++) {
                StringBuilder text = new StringBuilder(formatter.format(LocalDateTime.of(2019, 11, 29, 0, 0)
                        .plusMinutes(random.nextInt(100_000)).truncatedTo(ChronoUnit.SECONDS)));
                int edits = 1 + random.nextInt(2);
                for (int e = 0; e < edits; e++) {
                    int at = random.nextInt(text.length());
                    char c = alphabet.charAt(random.nextInt(alphabet.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> text.setCharAt(at, c);
                        case 1 -> text.insert(at, c);
                        default -> text.deleteCharAt(at);
                    }
                }
                LocalDateTime read = fast.parse(text.toString());
                if (read != null) {
                    assertThat(read).as(pattern + ": " + text).isEqualTo(reference(formatter, text.toString()));
                }
            }
        }
    }

    @Test
    void theRecordsOfTheLosAngelesExportTakeTheFastPath() {
        FixedWidthDateTimes fast = FixedWidthDateTimes.of("MM/dd/yyyy hh:mm:ss a", Locale.US);
        assertThat(fast.parse("11/29/2019 12:00:00 AM")).isEqualTo(LocalDateTime.of(2019, 11, 29, 0, 0));
        assertThat(fast.parse("11/29/2019 12:30:05 pm")).isEqualTo(LocalDateTime.of(2019, 11, 29, 12, 30, 5));
        assertThat(fast.parse("02/30/2019 01:00:00 AM")).as("no 30 February: the formatter says why").isNull();
        assertThat(fast.parse("11/29/2019 13:00:00 PM")).isNull();
        assertThat(fast.parse("11/29/2019 12:00:00")).isNull();
    }

    @Test
    void patternsWithAnythingElseHaveNoFastPath() {
        for (String pattern : new String[] {"M/d/yyyy", "yyyy-MM-dd'T'HH:mm", "yy-MM-dd", "yyyy-MM-dd HH:mm XXX",
                "yyyy-MM-dd HH", "MM/dd/yyyy hh:mm", "yyyy-MM-dd HH:mm a", "dd MMM yyyy", "yyyy-MM-dd[ HH:mm]", "MM/yyyy"}) {
            assertThat(FixedWidthDateTimes.of(pattern, Locale.US)).as(pattern).isNull();
        }
    }

    private static LocalDateTime reference(DateTimeFormatter formatter, String text) {
        TemporalAccessor parsed;
        try {
            parsed = formatter.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
        LocalTime time = parsed.query(TemporalQueries.localTime());
        return LocalDateTime.of(parsed.query(TemporalQueries.localDate()), time == null ? LocalTime.MIDNIGHT : time);
    }
}
