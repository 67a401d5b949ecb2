package dev.haneul.lab.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A chart of a lab report, drawn as inline SVG by {@link Svg}. */
public sealed interface Chart {

    String title();

    /**
     * Lines over a numeric x axis, such as requests per second over time.
     *
     * @param markers vertical lines at an x value with a label ("writer killed")
     */
    record Line(String title, String xLabel, String yLabel, List<Series> series, List<Marker> markers)
            implements Chart {
        public Line {
            requireNonNull(title, "title");
            series = List.copyOf(series);
            markers = List.copyOf(markers);
        }
    }

    /**
     * Grouped bars: one group per category, one bar per series in each group.
     *
     * @param categories the groups' labels, left to right
     * @param series each with one value per category
     */
    record Bar(String title, String yLabel, List<String> categories, List<BarSeries> series) implements Chart {
        public Bar {
            requireNonNull(title, "title");
            categories = List.copyOf(categories);
            series = List.copyOf(series);
            for (BarSeries s : series) {
                if (s.values().size() != categories.size()) {
                    throw new IllegalArgumentException("series " + s.name() + ": " + s.values().size()
                            + " values (expected: " + categories.size() + ", one per category)");
                }
            }
        }
    }

    /** A named line: points in x order. */
    record Series(String name, List<Point> points) {
        public Series {
            requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    record Point(double x, double y) {}

    record Marker(double x, String label) {}

    /** A named row of bars, one value per category. */
    record BarSeries(String name, List<Double> values) {
        public BarSeries {
            requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }
}
