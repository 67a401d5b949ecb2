package dev.haneul.lab.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A lab's report as one self-contained HTML page: inline CSS and SVG, no script, no font or image
 * from anywhere, so it opens offline and pastes into a slide.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /**
     * @param lab the lab's name
     * @param question what it answers
     * @param verdict the verdict record
     * @param conclusions the verdict in sentences
     * @param footer one line: when, how long, which Haneul
     */
    public static String render(String lab, String question, Record verdict, List<String> conclusions,
                                List<Table> tables, List<Chart> charts, List<String> notes, String footer) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>haneul lab ").append(Svg.escape(lab)).append("</title><style>")
                .append("body{font-family:Helvetica,Arial,sans-serif;color:#111827;max-width:820px;margin:32px auto;padding:0 16px}")
                .append("h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}")
                .append(".q{color:#4b5563;font-size:15px;margin:0 0 18px}")
                .append(".verdict{background:#f3f4f6;border-left:4px solid #2563eb;padding:10px 16px;margin:0 0 12px}")
                .append(".verdict li{margin:4px 0}")
                .append("table{border-collapse:collapse;font-size:13px;margin:6px 0 12px}")
                .append("th,td{border-bottom:1px solid #e5e7eb;padding:4px 10px;text-align:left}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f9fafb}")
                .append("figure{margin:12px 0}.notes{color:#4b5563;font-size:13px}footer{color:#6b7280;font-size:12px;margin-top:24px}")
                .append("</style></head><body>\n");
        html.append("<h1>haneul lab ").append(Svg.escape(lab)).append("</h1>\n");
        html.append("<p class=\"q\">").append(Svg.escape(question)).append("</p>\n");
        html.append("<div class=\"verdict\"><ul>");
        for (String c : conclusions) {
            html.append("<li>").append(Svg.escape(c)).append("</li>");
        }
        html.append("</ul></div>\n");
        for (Chart chart : charts) {
            html.append("<figure>").append(Svg.render(chart)).append("</figure>\n");
        }
        html.append("<h2>Verdict fields</h2>\n<table><tr><th>field</th><th>value</th></tr>");
        for (Map.Entry<String, String> field : VerdictFields.of(verdict).entrySet()) {
            html.append("<tr><td><code>").append(Svg.escape(field.getKey())).append("</code></td>")
                    .append(cell(field.getValue())).append("</tr>");
        }
        html.append("</table>\n");
        for (Table table : tables) {
            html.append("<h2>").append(Svg.escape(table.title())).append("</h2>\n<table><tr>");
            for (String h : table.header()) {
                html.append("<th>").append(Svg.escape(h)).append("</th>");
            }
            html.append("</tr>");
            for (List<String> row : table.rows()) {
                html.append("<tr>");
                for (String c : row) {
                    html.append(cell(c));
                }
                html.append("</tr>");
            }
            html.append("</table>\n");
        }
        if (!notes.isEmpty()) {
            html.append("<h2>How this was measured</h2>\n<ul class=\"notes\">");
            for (String note : notes) {
                html.append("<li>").append(Svg.escape(note)).append("</li>");
            }
            html.append("</ul>\n");
        }
        html.append("<footer>").append(Svg.escape(footer)).append(" · ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("</footer>\n");
        return html.append("</body></html>\n").toString();
    }

    private static String cell(String value) {
        return (Table.isNumeric(value) ? "<td class=\"n\">" : "<td>") + Svg.escape(value) + "</td>";
    }
}
