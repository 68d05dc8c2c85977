package org.cctvgateway.validation;

import java.util.Locale;

/**
 * The report as one self-contained HTML page for the owner's records: inline CSS, no scripts, no external
 * resources, printable on A4. Every value is HTML-escaped, since camera names and firmware strings come from the
 * camera.
 */
public final class ReportHtml {
    private static final String CSS = "body{font-family:sans-serif;margin:2em;color:#222}"
            + "table{border-collapse:collapse;width:100%;font-size:0.9em}"
            + "th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}"
            + "th{background:#eee}.pass{background:#e3f4e3}.fail{background:#f8d7d7}.warn{background:#fff1c9}"
            + ".info,.unknown{background:#e8eef8}.not_applicable{color:#777}"
            + ".verdict{font-size:1.3em;font-weight:bold;padding:0.4em;display:inline-block}"
            + "@media print{body{margin:0}tr{page-break-inside:avoid}}";

    private ReportHtml() {
    }

    /** The whole page. */
    public static String render(ComplianceReport report) {
        StringBuilder sb = new StringBuilder(8192);
        String title = "Compliance report: " + report.camera();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ")
                .append("'unsafe-inline'\"><title>").append(esc(title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n<p>Standard <b>")
                .append(esc(report.standardId())).append("</b> version ").append(esc(report.standardVersion()))
                .append(", checked ").append(esc(report.time().toString())).append("</p>\n<p class=\"verdict ")
                .append(css(report.verdict() == Verdict.PASS ? "pass"
                        : report.verdict() == Verdict.FAIL ? "fail" : "warn"))
                .append("\">Verdict: ").append(esc(report.verdict().name().replace('_', ' '))).append("</p>\n")
                .append("<table><thead><tr><th>Rule</th><th>Outcome</th><th>Declared</th><th>Measured</th>")
                .append("<th>Threshold</th><th>Finding</th><th>How to fix</th></tr></thead><tbody>\n");
        for (RuleResult r : report.results()) {
            sb.append("<tr class=\"").append(css(r.outcome().name())).append("\"><td>").append(esc(r.ruleId()))
                    .append("<br><small>").append(esc(r.description())).append("</small></td><td>")
                    .append(esc(r.outcome().name())).append("</td><td>").append(esc(r.declared())).append("</td><td>")
                    .append(esc(r.measured())).append("</td><td>").append(esc(r.threshold())).append("</td><td>")
                    .append(esc(r.message())).append("</td><td>").append(r.needsAttention() ? esc(r.fixHint()) : "")
                    .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n</body></html>\n");
        return sb.toString();
    }

    /** Escapes {@code & < > " '} and replaces control characters, for text and attribute values alike. */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(Character.isISOControl(c) && c != '\n' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }

    private static String css(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
