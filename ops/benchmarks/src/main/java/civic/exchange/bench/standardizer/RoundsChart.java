package civic.exchange.bench.standardizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rounds of a throughput run as an SVG bar chart (records/s of each variant, round by round,
 * with the median ratios under it), written beside the rounds CSV: the run at a glance, viewable in
 * a browser or on the repository's web page.
 */
final class RoundsChart {

    private static final String[] COLOURS = {"#7f8c8d", "#2e86c1", "#1abc9c", "#e67e22", "#8e44ad"};
    private static final int WIDTH = 900;
    private static final int PLOT_LEFT = 80;
    private static final int PLOT_TOP = 60;
    private static final int PLOT_HEIGHT = 240;
    private static final int LINE = 18;

    private RoundsChart() {
    }

    /**
     * @param rates   records/s per variant, one per round, in the order the variants ran
     * @param summary lines under the chart (the median ratios against their targets)
     */
    static void write(Path svg, String title, Map<String, List<Double>> rates, List<String> summary) throws IOException {
        int rounds = rates.values().iterator().next().size();
        double max = rates.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1);
        double top = niceCeiling(max);
        int plotWidth = WIDTH - PLOT_LEFT - 20;
        int height = PLOT_TOP + PLOT_HEIGHT + 50 + LINE * (summary.size() + 1);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                PLOT_LEFT, escape(title)));
        // horizontal grid with the scale
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            int y = PLOT_TOP + PLOT_HEIGHT - (int) Math.round(PLOT_HEIGHT * value / top);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    PLOT_LEFT, y, PLOT_LEFT + plotWidth, y));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%,.0f</text>%n",
                    PLOT_LEFT - 6, y + 4, value));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">"
                + "records/s</text>%n", PLOT_TOP + PLOT_HEIGHT / 2, PLOT_TOP + PLOT_HEIGHT / 2));
        int group = plotWidth / rounds;
        int bar = Math.max(4, (group - 16) / rates.size());
        int v = 0;
        for (Map.Entry<String, List<Double>> variant : rates.entrySet()) {
            String colour = COLOURS[v % COLOURS.length];
            for (int r = 0; r < rounds; r++) {
                double rate = variant.getValue().get(r);
                int h = (int) Math.round(PLOT_HEIGHT * rate / top);
                int x = PLOT_LEFT + r * group + 8 + v * bar;
                out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                                + "<title>%s, round %d: %,.0f records/s</title></rect>%n",
                        x, PLOT_TOP + PLOT_HEIGHT - h, bar - 2, h, colour, escape(variant.getKey()), r + 1, rate));
            }
            // legend
            int lx = PLOT_LEFT + 10 + v * 165;
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"36\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"46\">%s</text>%n", lx, colour, lx + 16, escape(variant.getKey())));
            v++;
        }
        for (int r = 0; r < rounds; r++) {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">round %d</text>%n",
                    PLOT_LEFT + r * group + group / 2, PLOT_TOP + PLOT_HEIGHT + 18, r + 1));
        }
        int y = PLOT_TOP + PLOT_HEIGHT + 50;
        for (String line : summary) {
            out.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" font-family=\"monospace\" font-size=\"11\" xml:space=\"preserve\">%s</text>%n",
                    y, escape(line)));
            y += LINE;
        }
        out.append("</svg>\n");
        Files.writeString(svg, out, StandardCharsets.UTF_8);
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
