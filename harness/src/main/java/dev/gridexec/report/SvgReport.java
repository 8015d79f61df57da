package dev.gridexec.report;

import static dev.gridexec.report.SvgElements.coordinate;
import static dev.gridexec.report.SvgElements.escape;
import static dev.gridexec.report.SvgElements.line;
import static dev.gridexec.report.SvgElements.marker;
import static dev.gridexec.report.SvgElements.text;

import dev.gridexec.experiment.ExperimentContext;
import dev.gridexec.experiment.ExperimentReport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code report.svg}: speedup against total workers, one line per label (split by node count when a label has two
 * layouts with the same total workers, so that no line zigzags), markers at the measured points (hollow when
 * NOISY), the ideal speedup dashed, and a title, axes, units and a legend, so that it reads without the table.
 */
final class SvgReport implements Reporter {

    private static final int WIDTH = 840;
    private static final int HEIGHT = 545;
    private static final int LEFT = 80;
    private static final int RIGHT = 560;
    private static final int TOP = 80;
    private static final int BOTTOM = 430;
    private static final int LEGEND_X = 585;
    /** Characters of a name that fit beside a legend marker. */
    private static final int LEGEND_CHARS = 34;
    private static final String AXIS = "stroke=\"#222222\" stroke-width=\"1.5\"";
    private static final String GRID = "stroke=\"#e4e4e4\"";
    private static final String IDEAL = "stroke=\"#777777\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"";
    /** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
        "#000000"};

    @Override
    public void write(ExperimentReport report, Writer out) throws IOException {
        Summaries summaries = Summaries.of(report);
        List<Series> series = series(summaries.rows());
        double xData = 2;
        double yData = 2;
        for (Series s : series) {
            for (Summary point : s.points()) {
                xData = Math.max(xData, point.configuration().totalWorkers());
                yData = Math.max(yData, point.speedup().getAsDouble());
            }
        }
        Plot plot = new Plot(Axis.covering(xData, 1), Axis.covering(Math.max(xData, yData), 0.5));
        String title = Texts.name(report.spec()) + ": speedup vs total workers";

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(20, 30, "class=\"title\" font-size=\"18\" font-weight=\"bold\"", title)).append('\n');
        svg.append(text(20, 52, "class=\"subtitle\"",
                "task " + Texts.task(report.spec()) + "; " + Texts.repeats(report))).append('\n');
        axes(svg, plot);
        processors(svg, report.context(), plot);
        double idealEnd = Math.min(plot.x().max(), plot.y().max());
        svg.append(line(plot.px(1), plot.py(1), plot.px(idealEnd), plot.py(idealEnd), "class=\"ideal\" " + IDEAL))
                .append('\n');
        for (int i = 0; i < series.size(); i++) {
            series(svg, plot, series.get(i), i);
        }
        if (series.isEmpty()) {
            svg.append(text((LEFT + RIGHT) / 2.0, (TOP + BOTTOM) / 2.0, "text-anchor=\"middle\"",
                    "nothing to plot: no label has a 1 node × 1 worker run")).append('\n');
        }
        legend(svg, series, unplotted(summaries.rows()));
        String note = "class=\"note\" font-size=\"11\" fill=\"#444444\"";
        svg.append(text(20, HEIGHT - 44, note, "speedup = the same label's 1 node × 1 worker median wall time / this"
                + " median wall time; hollow marker: NOISY (cv > 10%)")).append('\n');
        // Machine and start time on lines of their own: together they overflow the picture's width.
        svg.append(text(20, HEIGHT - 28, note, Texts.machine(report.context()))).append('\n');
        svg.append(text(20, HEIGHT - 12, note, "started " + report.context().startedAt())).append('\n');
        svg.append("</svg>\n");
        out.write(svg.toString());
    }

    /** One plotted line: the points of one label (at one node count when the label needs splitting). */
    record Series(String name, List<Summary> points) {
    }

    /** The lines to draw, in report order; rows without a speedup are left out. */
    static List<Series> series(List<Summary> rows) {
        Map<String, List<Summary>> byLine = new LinkedHashMap<>();
        for (Summary row : rows) {
            if (row.speedup().isPresent()) {
                byLine.computeIfAbsent(Texts.line(row.configuration()), k -> new ArrayList<>()).add(row);
            }
        }
        Comparator<Summary> byWorkers = Comparator.comparingInt((Summary s) -> s.configuration().totalWorkers())
                .thenComparingInt(s -> s.configuration().nodes());
        List<Series> series = new ArrayList<>();
        byLine.forEach((line, points) -> {
            Set<Integer> totals = new HashSet<>();
            boolean zigzags = !points.stream().allMatch(p -> totals.add(p.configuration().totalWorkers()));
            Map<Integer, List<Summary>> groups = new LinkedHashMap<>();
            points.stream().sorted(Comparator.comparingInt(p -> p.configuration().nodes()))
                    .forEach(p -> groups.computeIfAbsent(zigzags ? p.configuration().nodes() : 0,
                            n -> new ArrayList<>()).add(p));
            groups.forEach((nodes, group) -> {
                group.sort(byWorkers);
                series.add(new Series(zigzags ? line + ", " + Texts.plural(nodes, "node") : line, group));
            });
        });
        return series;
    }

    private static List<String> unplotted(List<Summary> rows) {
        Set<String> lines = new LinkedHashSet<>();
        rows.forEach(row -> lines.add(Texts.line(row.configuration())));
        rows.stream().filter(row -> row.speedup().isPresent())
                .forEach(row -> lines.remove(Texts.line(row.configuration())));
        return List.copyOf(lines);
    }

    private static void axes(StringBuilder svg, Plot plot) {
        svg.append("<g class=\"grid\">\n");
        for (double tick : plot.y().ticks()) {
            svg.append(line(LEFT, plot.py(tick), RIGHT, plot.py(tick), GRID)).append('\n');
        }
        for (double tick : plot.x().ticks()) {
            svg.append(line(plot.px(tick), TOP, plot.px(tick), BOTTOM, GRID)).append('\n');
        }
        svg.append("</g>\n<g class=\"axes\">\n");
        svg.append(line(LEFT, BOTTOM, RIGHT, BOTTOM, AXIS)).append('\n');
        svg.append(line(LEFT, TOP, LEFT, BOTTOM, AXIS)).append('\n');
        for (double tick : plot.x().ticks()) {
            svg.append(line(plot.px(tick), BOTTOM, plot.px(tick), BOTTOM + 5, AXIS))
                    .append(text(plot.px(tick), BOTTOM + 20, "text-anchor=\"middle\"", Axis.label(tick))).append('\n');
        }
        for (double tick : plot.y().ticks()) {
            svg.append(line(LEFT - 5, plot.py(tick), LEFT, plot.py(tick), AXIS))
                    .append(text(LEFT - 9, plot.py(tick) + 4, "text-anchor=\"end\"", Axis.label(tick))).append('\n');
        }
        svg.append("</g>\n");
        svg.append(text((LEFT + RIGHT) / 2.0, BOTTOM + 45, "class=\"axis-label\" text-anchor=\"middle\" font-size=\"13\"",
                "total workers (nodes × workers per node)")).append('\n');
        double middle = (TOP + BOTTOM) / 2.0;
        svg.append(text(24, middle, "class=\"axis-label\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 24 "
                + coordinate(middle) + ")\"", "speedup (×, vs the same label at 1 node × 1 worker)")).append('\n');
    }

    /** Marks the processors of the host the local nodes shared: more workers than that cannot all run at once. */
    private static void processors(StringBuilder svg, ExperimentContext context, Plot plot) {
        int processors = context.processors();
        if (!Texts.isLocal(context) || processors < 1 || processors >= plot.x().max()) {
            return;
        }
        svg.append(line(plot.px(processors), TOP, plot.px(processors), BOTTOM,
                "class=\"processors\" stroke=\"#999999\" stroke-dasharray=\"2 3\""))
                .append(text(plot.px(processors) + 4, TOP + 12, "fill=\"#666666\" font-size=\"11\"",
                        Texts.plural(processors, "processor") + " on this host")).append('\n');
    }

    private static void series(StringBuilder svg, Plot plot, Series series, int index) {
        String colour = COLOURS[index % COLOURS.length];
        StringBuilder points = new StringBuilder();
        for (Summary p : series.points()) {
            points.append(points.length() == 0 ? "" : " ").append(coordinate(plot.px(p.configuration().totalWorkers())))
                    .append(',').append(coordinate(plot.py(p.speedup().getAsDouble())));
        }
        svg.append("<g class=\"line\">\n");
        svg.append("<polyline class=\"series\" data-label=\"").append(escape(series.name())).append("\" points=\"")
                .append(points).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"/>\n");
        for (Summary p : series.points()) {
            String title = Texts.configuration(p.configuration()) + ": speedup "
                    + Texts.number(p.speedup().getAsDouble(), 2, Locale.ROOT) + ", median "
                    + Texts.number(p.medianWallMs(), 1, Locale.ROOT) + " ms" + (p.noisy() ? ", NOISY" : "");
            svg.append(marker(index, plot.px(p.configuration().totalWorkers()), plot.py(p.speedup().getAsDouble()),
                    colour, p.noisy() ? "white" : colour, "<title>" + escape(title) + "</title>")).append('\n');
        }
        svg.append("</g>\n");
    }

    private static void legend(StringBuilder svg, List<Series> series, List<String> unplotted) {
        svg.append("<g class=\"legend\">\n");
        int y = TOP + 5;
        svg.append(text(LEGEND_X, y, "font-weight=\"bold\"", "lines")).append('\n');
        for (int i = 0; i < series.size(); i++) {
            y += 22;
            String colour = COLOURS[i % COLOURS.length];
            svg.append(line(LEGEND_X, y - 4, LEGEND_X + 28, y - 4, "stroke=\"" + colour + "\" stroke-width=\"2\""))
                    .append(marker(i, LEGEND_X + 14, y - 4, colour, colour, ""))
                    .append(text(LEGEND_X + 36, y, "class=\"legend-entry\"", shortened(series.get(i).name())))
                    .append('\n');
        }
        y += 22;
        svg.append(line(LEGEND_X, y - 4, LEGEND_X + 28, y - 4, IDEAL))
                .append(text(LEGEND_X + 36, y, "class=\"legend-entry\"", "ideal (speedup = total workers)"))
                .append('\n');
        for (String line : unplotted) {
            y += 22;
            svg.append(text(LEGEND_X, y, "class=\"legend-entry\" fill=\"#666666\"", shortened(line + ":")))
                    .append(text(LEGEND_X, y + 15, "fill=\"#666666\"", "not plotted, no 1 node × 1 worker run"))
                    .append('\n');
            y += 15;
        }
        svg.append("</g>\n");
    }

    /** {@code name} cut to fit the legend; the table and the markers' titles carry it whole. */
    static String shortened(String name) {
        return name.length() <= LEGEND_CHARS ? name : name.substring(0, LEGEND_CHARS - 1) + "…";
    }

    /** The mapping from data to picture coordinates. */
    private record Plot(Axis x, Axis y) {

        double px(double value) {
            return LEFT + value / x.max() * (RIGHT - LEFT);
        }

        double py(double value) {
            return BOTTOM - value / y.max() * (BOTTOM - TOP);
        }
    }

    /** An axis from 0 to a round maximum, in at most 8 steps of 1, 2 or 5 times a power of ten. */
    record Axis(double max, double step) {

        static Axis covering(double value, double smallestStep) {
            for (int exponent = -1; ; exponent++) {
                for (int multiple : new int[] {1, 2, 5}) {
                    double step = multiple * Math.pow(10, exponent);
                    double steps = Math.ceil(value / step - 1e-9);
                    if (step >= smallestStep - 1e-9 && steps <= 8) {
                        return new Axis(steps * step, step);
                    }
                }
            }
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            long count = Math.round(max / step);
            for (long i = 0; i <= count; i++) {
                ticks.add(i * step);
            }
            return ticks;
        }

        static String label(double tick) {
            return tick == Math.rint(tick) ? Long.toString((long) tick) : Texts.number(tick, 1, Locale.ROOT);
        }
    }
}
