package civic.exchange.standardizer.quality;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality board as one HTML page: per dataset, records in, out, rejected (by error code), duplicates,
 * codes the spec does not know, link outcomes, and how complete each optional canonical field is.
 * Plain HTML and inline CSS, no script but a refresh, so it works wherever the service's port is.
 */
public final class QualityPage {

    /** Seconds between reloads: reports change at most once per quality interval. */
    private static final int REFRESH_SECONDS = 10;

    private QualityPage() {
    }

    public static String render(List<DatasetQuality> reports) {
        StringBuilder html = new StringBuilder(4096).append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="%d">
                <title>Dataset quality</title>
                <style>
                body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}
                table{border-collapse:collapse;width:100%%}
                th,td{border-bottom:1px solid #ddd;padding:.4em .6em;text-align:left;vertical-align:top}
                th{background:#f4f4f4} .n{text-align:right;font-variant-numeric:tabular-nums}
                .bad{color:#b00020} .muted{color:#777;font-size:12px}
                .bar{display:inline-block;height:.7em;background:#2e7d32;margin-right:.4em}
                .gap{display:inline-block;height:.7em;background:#e0e0e0}
                ul{margin:0;padding-left:1.1em}
                </style></head><body>
                <h1>Dataset quality</h1>
                <p class="muted">Latest <code>quality.dataset</code> report of each dataset: counts since its first record,
                every raw record counted once (in = out + rejected + duplicates). Also as JSON: <code>GET /quality</code>.</p>
                """.formatted(REFRESH_SECONDS));
        if (reports.isEmpty()) {
            return html.append("<p>No report yet: none arrives before a dataset's first record.</p></body></html>\n").toString();
        }
        html.append("<table><tr><th>Dataset</th><th>Spec</th><th class=\"n\">In</th><th class=\"n\">Out</th>"
                + "<th class=\"n\">Rejected</th><th class=\"n\">Duplicates</th><th>Rejected by code</th><th>Unknown codes</th><th>Links</th>"
                + "<th>Completeness</th><th>Reported</th></tr>\n");
        for (DatasetQuality q : reports) {
            html.append("<tr><td>").append(escape(q.dataset())).append("<div class=\"muted\">").append(escape(q.entity()))
                    .append("</div></td><td>").append(escape(q.spec())).append(" v").append(q.specVersion())
                    .append("</td><td class=\"n\">").append(q.in())
                    .append("</td><td class=\"n\">").append(q.out())
                    .append("</td><td class=\"n").append(q.rejected() > 0 ? " bad" : "").append("\">").append(q.rejected())
                    .append("</td><td class=\"n\">").append(q.duplicates())
                    .append("</td><td>").append(counts(q.rejectedByCode()))
                    .append("</td><td>").append(unknownCodes(q.unknownCodes()))
                    .append("</td><td>").append(counts(q.links()))
                    .append("</td><td>").append(completeness(q.completeness()))
                    .append("</td><td class=\"muted\">").append(escape(q.reportedAt())).append("</td></tr>\n");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String counts(Map<String, Long> counts) {
        if (counts == null || counts.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder("<ul>");
        counts.forEach((name, count) -> list.append("<li>").append(escape(name)).append(": ").append(count).append("</li>"));
        return list.append("</ul>").toString();
    }

    private static String unknownCodes(Map<String, ? extends Map<String, Long>> byField) {
        if (byField == null || byField.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder("<ul>");
        byField.forEach((field, codes) -> {
            list.append("<li>").append(escape(field)).append(": ");
            String separator = "";
            for (Map.Entry<String, Long> code : codes.entrySet()) {
                list.append(separator).append(escape(code.getKey())).append(" (").append(code.getValue()).append(')');
                separator = ", ";
            }
            list.append("</li>");
        });
        return list.append("</ul>").toString();
    }

    private static String completeness(Map<String, Double> completeness) {
        if (completeness == null || completeness.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder("<ul>");
        completeness.forEach((field, share) -> {
            int percent = (int) Math.round(share * 100);
            list.append("<li><span class=\"bar\" style=\"width:").append(percent / 2).append("px\"></span>")
                    .append("<span class=\"gap\" style=\"width:").append(50 - percent / 2).append("px\"></span>")
                    .append(escape(field)).append(' ').append(String.format(Locale.ROOT, "%d%%", percent)).append("</li>");
        });
        return list.append("</ul>").toString();
    }

    /** Department codes and field names are the departments' text: never markup. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
