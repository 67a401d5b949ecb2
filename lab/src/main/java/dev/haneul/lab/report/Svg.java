package dev.haneul.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as a standalone SVG element: axes with rounded ticks, a legend, a fixed
 * palette that reads on a projector, no fonts or scripts from anywhere.
 */
public final class Svg {

    static final int WIDTH = 760;
    static final int HEIGHT = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int BOTTOM = 52;
    /** What fits in the legend column at 12 px. */
    private static final int LEGEND_CHARS = 22;
    private static final double PLOT_W = WIDTH - LEFT - RIGHT;
    private static final double PLOT_H = HEIGHT - TOP - BOTTOM;
    private static final List<String> PALETTE = List.of("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed",
            "#0891b2", "#db2777", "#4b5563", "#65a30d");

    private Svg() {}

    public static String render(Chart chart) {
        return switch (chart) {
            case Chart.Line line -> line(line);
            case Chart.Bar bar -> bar(bar);
        };
    }

    private static String line(Chart.Line chart) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Chart.Series s : chart.series()) {
            for (Chart.Point p : s.points()) {
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        List<Double> yTicks = ticks(maxY);
        double top = yTicks.getLast();
        StringBuilder svg = open(chart.title());
        axes(svg, yTicks, top, chart.yLabel());
        double x0 = minX;
        double xSpan = maxX - minX;
        List<Double> xTicks = ticks(xSpan);
        double step = xTicks.size() > 1 ? xTicks.get(1) : xSpan;
        for (double t = Math.ceil(minX / step) * step; t <= maxX + 1e-9; t += step) {
            svg.append(text(LEFT + (t - x0) / xSpan * PLOT_W, HEIGHT - BOTTOM + 16, "middle", 11, "#374151", number(t)));
        }
        svg.append(text(LEFT + PLOT_W / 2, HEIGHT - 10, "middle", 12, "#374151", chart.xLabel()));
        for (Chart.Marker m : chart.markers()) {
            double x = LEFT + (m.x() - x0) / xSpan * PLOT_W;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#111827\" stroke-dasharray=\"4 3\"/>",
                    x, TOP, x, TOP + PLOT_H));
            svg.append(text(x + 4, TOP + 12, "start", 11, "#111827", m.label()));
        }
        int i = 0;
        for (Chart.Series s : chart.series()) {
            String color = PALETTE.get(i % PALETTE.size());
            StringBuilder points = new StringBuilder();
            for (Chart.Point p : s.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + (p.x() - x0) / xSpan * PLOT_W,
                        TOP + PLOT_H - p.y() / top * PLOT_H));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().strip()).append("\"/>");
            legend(svg, i++, color, s.name());
        }
        return svg.append("</svg>").toString();
    }

    private static String bar(Chart.Bar chart) {
        double maxY = 0;
        for (Chart.BarSeries s : chart.series()) {
            for (double v : s.values()) {
                maxY = Math.max(maxY, v);
            }
        }
        List<Double> yTicks = ticks(maxY);
        double top = yTicks.getLast();
        StringBuilder svg = open(chart.title());
        axes(svg, yTicks, top, chart.yLabel());
        int groups = Math.max(1, chart.categories().size());
        int bars = Math.max(1, chart.series().size());
        double groupW = PLOT_W / groups;
        double barW = groupW * 0.8 / bars;
        for (int g = 0; g < chart.categories().size(); g++) {
            double gx = LEFT + g * groupW;
            svg.append(text(gx + groupW / 2, HEIGHT - BOTTOM + 16, "middle", 11, "#374151", chart.categories().get(g)));
            for (int b = 0; b < chart.series().size(); b++) {
                double v = chart.series().get(b).values().get(g);
                double h = v / top * PLOT_H;
                double x = gx + groupW * 0.1 + b * barW;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                        x, TOP + PLOT_H - h, Math.max(1, barW - 2), h, PALETTE.get(b % PALETTE.size()),
                        escape(chart.series().get(b).name()), number(v)));
                if (bars * groups <= 24) {
                    svg.append(text(x + (barW - 2) / 2, TOP + PLOT_H - h - 3, "middle", 10, "#111827", number(v)));
                }
            }
        }
        for (int b = 0; b < chart.series().size(); b++) {
            legend(svg, b, PALETTE.get(b % PALETTE.size()), chart.series().get(b).name());
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                        + "font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        svg.append(text(LEFT, 22, "start", 15, "#111827", title).replace("<text ", "<text font-weight=\"bold\" "));
        return svg;
    }

    private static void axes(StringBuilder svg, List<Double> yTicks, double top, String yLabel) {
        for (double t : yTicks) {
            double y = TOP + PLOT_H - t / top * PLOT_H;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>", LEFT, y, LEFT + PLOT_W, y));
            svg.append(text(LEFT - 6, y + 4, "end", 11, "#374151", number(t)));
        }
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#374151\"/>", LEFT, TOP + PLOT_H, LEFT + PLOT_W,
                TOP + PLOT_H));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"#374151\" "
                        + "transform=\"rotate(-90 14 %.1f)\">%s</text>", TOP + PLOT_H / 2, TOP + PLOT_H / 2, escape(yLabel)));
    }

    private static void legend(StringBuilder svg, int index, String color, String name) {
        int x = WIDTH - RIGHT + 14;
        int y = TOP + 8 + index * 20;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                x, y - 10, color));
        svg.append(text(x + 18, y, "start", 12, "#111827",
                name.length() > LEGEND_CHARS ? name.substring(0, LEGEND_CHARS - 1) + "…" : name));
    }

    private static String text(double x, double y, String anchor, int size, String color, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">%s</text>",
                x, y, anchor, size, color, escape(content));
    }

    /** Round tick values from 0 to at least {@code max}: steps of 1, 2 or 5 times a power of ten. */
    static List<Double> ticks(double max) {
        if (max <= 0) {
            max = 1;
        }
        double raw = max / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = 0; t < max + step * 0.999; t += step) {
            ticks.add(t);
        }
        if (ticks.getLast() < max) {
            ticks.add(ticks.getLast() + step);
        }
        return ticks;
    }

    static String number(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f" : "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
