package org.remoteassistance.bench.report;

import java.util.ArrayList;
import java.util.List;

/** The figures as a Markdown table, padded so it also reads well as plain text. */
public final class MarkdownTable {

    private static final String[] HEADER = {"figure", "value", "target", "met?", "baseline", "ratio"};

    private MarkdownTable() {
    }

    public static String render(List<Figure> figures) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Figure f : figures) {
            rows.add(new String[] {f.figure(), f.value(), f.target(), f.metText(), f.baseline(), f.ratio()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], escape(row[i]).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[HEADER.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(Math.max(3, widths[i]));
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String cell = escape(cells[i]);
            out.append(' ').append(cell).append(" ".repeat(Math.max(0, widths[i] - cell.length()))).append(" |");
        }
        out.append('\n');
    }

    private static String escape(String cell) {
        return cell == null ? "" : cell.replace("|", "\\|");
    }
}
