package org.cctvgateway.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as a terminal table: one row per rule (rule, outcome, declared, measured, threshold), then the
 * message and fix hint of every rule that needs attention, then the verdict. Cells are cut at 28 characters in
 * the table; the full values follow below it. Control characters from camera-supplied values are replaced, so a
 * hostile model name cannot move the cursor.
 */
public final class ReportText {
    private static final int CELL = 28;

    private ReportText() {
    }

    /** The whole report, lines ending in {@code \n}. */
    public static String render(ComplianceReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("Camera ").append(clean(report.camera())).append(" against ").append(clean(report.standardId()))
                .append(' ').append(clean(report.standardVersion())).append(" at ").append(report.time())
                .append("\n\n");
        String[] head = {"RULE", "OUTCOME", "DECLARED", "MEASURED", "THRESHOLD"};
        List<String[]> rows = new ArrayList<>();
        for (RuleResult r : report.results()) {
            rows.add(new String[] {cut(r.ruleId()), r.outcome().name(), cut(r.declared()), cut(r.measured()),
                cut(r.threshold())});
        }
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        row(sb, head, width);
        for (String[] r : rows) {
            row(sb, r, width);
        }
        boolean any = false;
        for (RuleResult r : report.results()) {
            if (!r.needsAttention()) {
                continue;
            }
            if (!any) {
                sb.append("\nTo fix:\n");
                any = true;
            }
            sb.append("\n").append(r.outcome()).append("  ").append(clean(r.ruleId())).append(": ")
                    .append(clean(r.message())).append('\n');
            if (r.outcome() != Outcome.INFO || !r.fixHint().isEmpty()) {
                sb.append("      Fix: ").append(clean(r.fixHint())).append('\n');
            }
        }
        sb.append("\nVerdict: ").append(report.verdict().name().replace('_', ' ')).append('\n');
        return sb.toString();
    }

    private static void row(StringBuilder sb, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cut(String s) {
        String c = clean(s);
        return c.isEmpty() ? "-" : c.length() <= CELL ? c : c.substring(0, CELL - 1) + "~";
    }

    /** Replaces control characters (ANSI escapes, newlines in camera-supplied text) with '?'. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return sb.toString();
    }
}
