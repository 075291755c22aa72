package civic.exchange.bench.standardizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RoundsChartTest {

    @Test
    void oneBarPerVariantAndRoundScaledToANiceMaximumWithTheRatiosUnderneath(@TempDir Path dir) throws Exception {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        rates.put("a-pass-through", List.of(105_000.0, 110_000.0));
        rates.put("b-standardizer-alos", List.of(52_000.0, 55_000.0));
        rates.put("c-standardizer-eos", List.of(47_000.0, 45_000.0));
        rates.put("d-hand-written", List.of(58_000.0, 60_000.0));
        Path svg = dir.resolve("rounds.svg");

        RoundsChart.write(svg, "Standardizer throughput: streetlights <test>", rates,
                List.of("(b)/(a) target >= 0.7        median 0.49"));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        NodeList titles = doc.getElementsByTagName("title");
        assertThat(titles.getLength()).as("one bar per variant and round").isEqualTo(8);
        assertThat(titles.item(1).getTextContent()).isEqualTo("a-pass-through, round 2: 110,000 records/s");
        // the highest bar (110,000 of a 200,000 scale) is 55 % of the plot's height
        Element highest = (Element) titles.item(1).getParentNode();
        assertThat(Integer.parseInt(highest.getAttribute("height"))).isEqualTo(132);
        assertThat(doc.getDocumentElement().getTextContent())
                .contains("Standardizer throughput: streetlights <test>", "200,000", "round 2", "(b)/(a) target >= 0.7");
    }

    @Test
    void theScaleEndsAtOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(RoundsChart.niceCeiling(110_000)).isEqualTo(200_000);
        assertThat(RoundsChart.niceCeiling(48_000)).isEqualTo(50_000);
        assertThat(RoundsChart.niceCeiling(10_000)).isEqualTo(10_000);
        assertThat(RoundsChart.niceCeiling(10_001)).isEqualTo(20_000);
    }
}
