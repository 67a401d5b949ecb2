package dev.haneul.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table whose columns stay aligned whatever the cells hold: each column is as wide as
 * its widest cell, up to {@link #MAX_WIDTH} characters; a longer cell (but never one in the last
 * column, which has nothing to its right to push) is shortened in the middle with "…", keeping
 * its start and its end, where names differ.
 */
final class TextTable {

    /**
     * The widest a column other than the last gets: room for "rds cluster " and the longest DB
     * cluster identifier AWS allows (63), so only names no AWS resource has are shortened.
     */
    static final int MAX_WIDTH = 80;

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = headers.clone();
    }

    TextTable row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("cells: " + cells.length + " (expected: " + headers.length + ")");
        }
        rows.add(cells.clone());
        return this;
    }

    /** Prints the header and the rows, each line indented by two spaces. */
    void print(PrintWriter out) {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
            if (c < headers.length - 1) {
                widths[c] = Math.min(widths[c], MAX_WIDTH);
            }
        }
        printLine(out, headers, widths);
        rows.forEach(row -> printLine(out, row, widths));
    }

    private static void printLine(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < cells.length; c++) {
            boolean last = c == cells.length - 1;
            String cell = last ? cells[c] : elide(cells[c], widths[c]);
            line.append(cell);
            if (!last) {
                line.append(" ".repeat(widths[c] - cell.length() + 1));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** {@code text} if it fits in {@code width}, else its start, "…" and its end, {@code width} long. */
    static String elide(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        int tail = (width - 1) / 2;
        int head = width - 1 - tail;
        return text.substring(0, head) + "…" + text.substring(text.length() - tail);
    }

    @Override
    public String toString() {
        return Arrays.toString(headers) + " × " + rows.size();
    }
}
