package civic.exchange.standardizer.quality;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.errors.ErrorCode;
import civic.exchange.standardizer.link.LinkOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityPageTest {

    @Test
    void showsEachDatasetsCountsReasonsAndCompleteness() {
        DatasetQuality report = DatasetQuality.of("hotline/myla311", "hotline/myla311", 2, "service-request",
                Instant.parse("2026-11-26T05:00:00Z"), 3, Map.of(
                        QualityCounters.Counter.out(LinkOutcome.NEAREST, "address"), 3L,
                        QualityCounters.Counter.out(LinkOutcome.NONE_IN_RADIUS, ""), 1L,
                        QualityCounters.Counter.rejected(ErrorCode.INVALID_DATE, "CreatedDate"), 2L),
                List.of("address", "location"));

        String html = QualityPage.render(List.of(report));

        assertThat(html).contains("<td>hotline/myla311<div class=\"muted\">service-request</div></td>",
                "hotline/myla311 v2", "<td class=\"n\">6</td>", "<td class=\"n\">4</td>", "<td class=\"n bad\">2</td>",
                "<li>INVALID_DATE: 2</li>", "<li>NEAREST: 3</li>", "<li>NONE_IN_RADIUS: 1</li>",
                "address 75%", "location 0%", "2026-11-26T05:00:00Z");
    }

    @Test
    void departmentTextIsNeverMarkup() {
        DatasetQuality report = DatasetQuality.of("parks/trees", "parks/trees", 1, "facility", Instant.EPOCH, 1, Map.of(
                QualityCounters.Counter.out(LinkOutcome.NOT_LINKED, ""), 1L,
                "unknown\u001fstatus\u001f<script>alert(1)</script>", 1L), List.of());

        String html = QualityPage.render(List.of(report));

        assertThat(html).doesNotContain("<script>").contains("status: &lt;script&gt;alert(1)&lt;/script&gt; (1)");
    }

    @Test
    void anEmptyBoardSaysWhy() {
        assertThat(QualityPage.render(List.of())).contains("No report yet").doesNotContain("<table>");
    }
}
