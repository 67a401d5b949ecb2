package dev.haneul.lab.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A titled table of text cells, printed to the terminal and written to the report.
 *
 * @param title what the table measures
 * @param header column names
 * @param rows one list of cells per row, as long as the header
 */
public record Table(String title, List<String> header, List<List<String>> rows) {

    /** Numbers are right-aligned in columns up to this wide; a wider column is text (a verdict's value column). */
    private static final int NUMBER_COLUMN_WIDTH = 24;

    public Table {
        requireNonNull(title, "title");
        header = List.copyOf(header);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row: " + row + " (expected: " + header.size() + " cells)");
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** A table built row by row. */
    public static Builder builder(String title, String... header) {
        return new Builder(title, List.of(header));
    }

    /** Monospaced text: columns padded to their widest cell, numbers right-aligned. */
    public String toText() {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder(title).append('\n');
        appendRow(out, header, widths);
        for (int c = 0; c < widths.length; c++) {
            out.append(c == 0 ? "  " : "  ").append("-".repeat(widths[c]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            appendRow(out, row, widths);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            boolean right = c > 0 && isNumeric(cell) && widths[c] <= NUMBER_COLUMN_WIDTH;
            out.append("  ").append(right ? pad + cell : cell + pad);
        }
        out.setLength(out.length() - trailingSpaces(out));
        out.append('\n');
    }

    private static int trailingSpaces(StringBuilder out) {
        int n = 0;
        while (n < out.length() && out.charAt(out.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }

    static boolean isNumeric(String cell) {
        return !cell.isEmpty() && cell.chars().allMatch(ch -> Character.isDigit(ch) || ".,%-+ ms".indexOf(ch) >= 0)
                && Character.isDigit(cell.charAt(0));
    }

    /** Collects rows. */
    public static final class Builder {
        private final String title;
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(String title, List<String> header) {
            this.title = title;
            this.header = header;
        }

        public Builder row(Object... cells) {
            List<String> row = new ArrayList<>();
            for (Object cell : cells) {
                row.add(String.valueOf(cell));
            }
            rows.add(row);
            return this;
        }

        public Table build() {
            return new Table(title, header, rows);
        }
    }
}
