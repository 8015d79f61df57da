package dev.gridexec.report;

import java.io.PrintWriter;
import java.util.List;

/**
 * The one table renderer for people (the experiment's summary, the bench's configurations): every column as wide
 * as its widest cell, columns two spaces apart, text left-aligned and numbers right-aligned, no trailing blanks.
 */
public final class TextTable {

    private TextTable() {
    }

    /**
     * Prints {@code rows}, the header first.
     *
     * @param text {@code text[i]}: column {@code i} is text, left-aligned; otherwise a number, right-aligned
     */
    public static void print(List<String[]> rows, boolean[] text, PrintWriter out) {
        int[] widths = new int[text.length];
        for (String[] row : rows) {
            if (row.length != text.length) {
                throw new IllegalArgumentException("a row of " + row.length + " cells in a table of " + text.length);
            }
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String padding = " ".repeat(widths[i] - row[i].length());
                line.append(i == 0 ? "" : "  ").append(text[i] ? row[i] + padding : padding + row[i]);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
