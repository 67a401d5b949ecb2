package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import java.util.List;

/**
 * What a lab found.
 *
 * @param verdict the lab's verdict record: its components are the named figures tests check and
 *     the report lists
 * @param conclusions the verdict in sentences, for the slide
 * @param tables the measurements behind it
 * @param charts drawn in the report
 * @param notes how it was measured (simulations, short mode)
 */
public record LabResult(Record verdict, List<String> conclusions, List<Table> tables, List<Chart> charts,
                        List<String> notes) {

    public LabResult {
        requireNonNull(verdict, "verdict");
        conclusions = List.copyOf(conclusions);
        tables = List.copyOf(tables);
        charts = List.copyOf(charts);
        notes = List.copyOf(notes);
    }
}
