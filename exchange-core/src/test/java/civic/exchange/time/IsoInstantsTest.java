package civic.exchange.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reader must agree with java.time on every text it takes, and leave the rest to it. */
class IsoInstantsTest {

    @Test
    void agreesWithJavaTimeOnRandomDateTimesWithEveryKindOfOffset() {
        Random random = new Random(20261126L);
        for (int i = 0; i < 20_000; i++) {
            String local = String.format("%04d-%02d-%02dT%02d:%02d", 1 + random.nextInt(9998), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60));
            if (random.nextBoolean()) {
                local += String.format(":%02d", random.nextInt(60));
                if (random.nextBoolean()) {
                    local += "." + String.format("%09d", random.nextInt(1_000_000_000)).substring(0, 1 + random.nextInt(9));
                }
            }
            String zone = switch (random.nextInt(3)) {
                case 0 -> "Z";
                case 1 -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(19),
                        random.nextInt(4) * 15);
                default -> "";
            };
            String text = local + zone;
            Object fast = IsoInstants.parse(text);
            if (zone.isEmpty()) {
                assertThat(fast).as(text).isEqualTo(LocalDateTime.parse(text));
            } else if (isValid(text)) {
                assertThat(fast).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
            } else {
                assertThat(fast).as(text + " is refused by java.time, so left to the formatter").isSameAs(IsoInstants.NOT_FAST);
            }
        }
    }

    @Test
    void invalidOrUnusualTextIsLeftToTheFormatter() {
        for (String text : new String[] {"2024-02-30T10:00Z", "2024-01-01T24:00Z", "2024-01-01T10:60Z",
                "2024-01-01T10:00:60Z", "2024-01-01T10:00+19:00", "2024-01-01T10:00+05:60", "2024-01-01T10:00+0530",
                "2024-01-01 10:00Z", "2024-01-01T10:00:00.1234567890Z", "2024-01-01T10:00:00.Z", "20240101T1000Z"}) {
            assertThat(IsoInstants.parse(text)).as(text).isSameAs(IsoInstants.NOT_FAST);
        }
    }

    @Test
    void readsTheShapesRecordsUse() {
        assertThat(IsoInstants.parse("2021-01-11T15:51:02+05:30")).isEqualTo(Instant.parse("2021-01-11T10:21:02Z"));
        assertThat(IsoInstants.parse("2016-07-08T08:02:21.753Z")).isEqualTo(Instant.parse("2016-07-08T08:02:21.753Z"));
        assertThat(IsoInstants.parse("2010-04-14T06:37:38-08:00")).isEqualTo(Instant.parse("2010-04-14T14:37:38Z"));
        assertThat(IsoInstants.parse("1969-12-31T23:59:59.999999999Z")).isEqualTo(Instant.ofEpochSecond(-1, 999_999_999));
        assertThat(IsoInstants.parse("2024-03-01T12:00")).isEqualTo(LocalDateTime.of(2024, 3, 1, 12, 0));
    }

    private static boolean isValid(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
