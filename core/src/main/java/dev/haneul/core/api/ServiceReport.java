package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A small table a provider shows beside its resource counts ({@link ServiceProvider#report()}):
 * a title, column names and rows of cells (strings or numbers), in the order to show them.
 */
public record ServiceReport(String title, List<String> columns, List<List<Object>> rows) {

    public ServiceReport {
        requireNonNull(title, "title");
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row: " + row + " (expected " + columns.size() + " cells)");
            }
        }
    }
}
