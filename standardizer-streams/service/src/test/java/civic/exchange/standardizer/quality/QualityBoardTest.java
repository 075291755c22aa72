package civic.exchange.standardizer.quality;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.errors.ErrorCode;
import civic.exchange.standardizer.link.LinkOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityBoardTest {

    private static final String TOPIC = "quality.dataset";
    private final QualityBoard board = new QualityBoard();

    @Test
    void keepsTheLatestReportOfEachDatasetAndATombstoneTakesItOff() {
        board.accept(TOPIC, "lighting/streetlights", json(report("lighting/streetlights", 3, 1)));
        board.accept(TOPIC, "hotline/myla311", json(report("hotline/myla311", 10, 0)));
        board.accept(TOPIC, "lighting/streetlights", json(report("lighting/streetlights", 5, 2)));

        assertThat(board.all()).extracting(DatasetQuality::dataset).containsExactly("hotline/myla311", "lighting/streetlights");
        assertThat(board.of("lighting/streetlights")).hasValueSatisfying(q -> {
            assertThat(q.out()).isEqualTo(5);
            assertThat(q.rejected()).isEqualTo(2);
            assertThat(q.in()).isEqualTo(7);
        });

        board.accept(TOPIC, "hotline/myla311", null);
        assertThat(board.of("hotline/myla311")).isEmpty();
    }

    @Test
    void aRecordThatIsNoReportIsSkippedAndTheBoardGoesOn() {
        board.accept(TOPIC, "lighting/streetlights", json(report("lighting/streetlights", 3, 1)));
        board.accept(TOPIC, "lighting/streetlights", "{not json".getBytes(StandardCharsets.UTF_8));
        board.accept(TOPIC, null, json(report("x/y", 1, 0)));

        assertThat(board.all()).extracting(DatasetQuality::dataset).containsExactly("lighting/streetlights");
        assertThat(board.of("lighting/streetlights").orElseThrow().out()).as("the last good report stays").isEqualTo(3);
    }

    static DatasetQuality report(String dataset, long out, long rejected) {
        Map<String, Long> counters = new HashMap<>();
        counters.put(QualityCounters.Counter.out(LinkOutcome.NOT_LINKED, "name"), out);
        if (rejected > 0) {
            counters.put(QualityCounters.Counter.rejected(ErrorCode.OUT_OF_RANGE, "location"), rejected);
        }
        return DatasetQuality.of(dataset, dataset, 1, "facility", Instant.parse("2026-11-26T05:00:00Z"), 3, counters,
                List.of("name", "address"));
    }

    private static byte[] json(DatasetQuality report) {
        return new JsonSerde<>(DatasetQuality.class).serializer().serialize(TOPIC, report);
    }
}
