package dev.gridexec.report;

import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.Sample;
import dev.gridexec.wire.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statistics of an experiment: one {@link Summary} per configuration that has measured repeats, and the
 * warnings a reader needs to judge them.
 *
 * <p>Rows are ordered by label (in the order labels first appear among the samples), then nodes, then workers.
 * The baseline of a row is the configuration of the same label and mode at 1 node × 1 worker; a row without one
 * has no speedup, efficiency or Karp–Flatt value, and a warning says so.
 */
public final class Summaries {

    /** A configuration whose cv is above this (10%) is NOISY. */
    public static final double NOISY_CV = 0.10;
    /** A speedup above this many times the total workers is called superlinear in the warnings. */
    static final double SUPERLINEAR = 1.05;

    private final List<Summary> rows;
    private final List<String> warnings;

    private Summaries(List<Summary> rows, List<String> warnings) {
        this.rows = List.copyOf(rows);
        this.warnings = List.copyOf(warnings);
    }

    /** The summaries of {@code report}'s measured samples. */
    public static Summaries of(ExperimentReport report) {
        Map<Configuration, List<Long>> measured = new LinkedHashMap<>();
        Set<Configuration> warmedOnly = new LinkedHashSet<>();
        for (Sample sample : report.samples()) {
            if (sample.phase() == Sample.Phase.MEASURE) {
                measured.computeIfAbsent(sample.configuration(), c -> new ArrayList<>()).add(sample.wallMs());
                warmedOnly.remove(sample.configuration());
            } else if (!measured.containsKey(sample.configuration())) {
                warmedOnly.add(sample.configuration());
            }
        }
        List<Configuration> configurations = new ArrayList<>(measured.keySet());
        configurations.sort(order(report));

        Map<Configuration, Double> medians = new HashMap<>();
        Map<Line, Double> baselines = new HashMap<>();
        OptionalDouble best1 = OptionalDouble.empty();
        for (Configuration c : configurations) {
            double median = median(measured.get(c));
            medians.put(c, median);
            if (isBaseline(c) && median > 0) {
                baselines.put(Line.of(c), median);
                best1 = OptionalDouble.of(best1.isPresent() ? Math.min(best1.getAsDouble(), median) : median);
            }
        }

        List<Summary> rows = new ArrayList<>();
        for (Configuration c : configurations) {
            List<Long> wallMs = measured.get(c);
            double median = medians.get(c);
            Double baseline = baselines.get(Line.of(c));
            OptionalDouble speedup = baseline == null || median <= 0
                    ? OptionalDouble.empty() : OptionalDouble.of(speedup(baseline, median));
            OptionalDouble vsBest1 = best1.isEmpty() || median <= 0
                    ? OptionalDouble.empty() : OptionalDouble.of(speedup(best1.getAsDouble(), median));
            int p = c.totalWorkers();
            OptionalDouble efficiency = speedup.isEmpty()
                    ? OptionalDouble.empty() : OptionalDouble.of(speedup.getAsDouble() / p);
            OptionalDouble karpFlatt = speedup.isEmpty() || p <= 1
                    ? OptionalDouble.empty() : OptionalDouble.of(karpFlatt(speedup.getAsDouble(), p));
            OptionalDouble cv = cv(wallMs);
            rows.add(new Summary(c, wallMs.size(), median, speedup, vsBest1, efficiency, karpFlatt, cv,
                    cv.isPresent() && isNoisy(cv.getAsDouble())));
        }

        List<String> warnings = new ArrayList<>(report.warnings());
        warnings.addAll(findings(report, rows, warmedOnly, baselines, best1));
        return new Summaries(rows, warnings);
    }

    /** One row per configuration with measured repeats, in report order. */
    public List<Summary> rows() {
        return rows;
    }

    /** The experiment's own warnings, then those its statistics add (missing baselines, NOISY rows, ...). */
    public List<String> warnings() {
        return warnings;
    }

    /** The speedup of a run taking {@code ms} over a baseline taking {@code baselineMs}. */
    public static double speedup(double baselineMs, double ms) {
        return baselineMs / ms;
    }

    /**
     * The Karp–Flatt metric, the experimentally determined serial fraction: {@code (1/speedup − 1/p) / (1 − 1/p)}.
     * 0 for a perfect speedup of p, 1 for no speedup at all.
     *
     * @throws IllegalArgumentException for {@code p < 2}, where it is undefined
     */
    public static double karpFlatt(double speedup, int p) {
        if (p < 2) {
            throw new IllegalArgumentException("Karp–Flatt needs at least 2 workers, got " + p);
        }
        return (1 / speedup - 1.0 / p) / (1 - 1.0 / p);
    }

    /** The middle value ({@link Stats#median}) of whole milliseconds. */
    public static double median(List<Long> values) {
        return Stats.median(doubles(values));
    }

    /**
     * The coefficient of variation ({@link Stats#cv}) of whole milliseconds; empty for fewer than two values or a
     * zero mean (every run under the clock's 1 ms), where it is undefined.
     */
    public static OptionalDouble cv(List<Long> values) {
        if (values.size() < 2 || values.stream().allMatch(value -> value == 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Stats.cv(doubles(values)));
    }

    private static List<Double> doubles(List<Long> values) {
        return values.stream().map(Long::doubleValue).toList();
    }

    /** Whether a configuration with this cv is NOISY: above {@link #NOISY_CV}. */
    public static boolean isNoisy(double cv) {
        return cv > NOISY_CV;
    }

    /** Whether {@code c} is a baseline: 1 node × 1 worker. */
    static boolean isBaseline(Configuration c) {
        return c.nodes() == 1 && c.workers() == 1;
    }

    /**
     * Report order: label in order of first appearance (samples, then skipped configurations), then nodes, then
     * workers, then mode.
     */
    static Comparator<Configuration> order(ExperimentReport report) {
        Map<String, Integer> labels = new HashMap<>();
        report.samples().forEach(s -> labels.putIfAbsent(s.configuration().label(), labels.size()));
        report.skipped().forEach(s -> labels.putIfAbsent(s.configuration().label(), labels.size()));
        return Comparator.<Configuration>comparingInt(c -> labels.getOrDefault(c.label(), Integer.MAX_VALUE))
                .thenComparing(Configuration::label)
                .thenComparingInt(Configuration::nodes)
                .thenComparingInt(Configuration::workers)
                .thenComparing(Configuration::mode);
    }

    private static List<String> findings(ExperimentReport report, List<Summary> rows, Set<Configuration> warmedOnly,
                                         Map<Line, Double> baselines, OptionalDouble best1) {
        List<String> found = new ArrayList<>();
        for (Configuration c : warmedOnly) {
            found.add(Texts.configuration(c) + " has warm-up runs but no measured repeat: it has no row");
        }
        Set<Line> lines = new LinkedHashSet<>();
        rows.forEach(r -> lines.add(Line.of(r.configuration())));
        for (Line line : lines) {
            if (!baselines.containsKey(line)) {
                found.add("no 1 node × 1 worker run of " + line.describe()
                        + ": its speedup, efficiency and Karp–Flatt are left empty, not estimated");
            }
        }
        if (!rows.isEmpty() && best1.isEmpty()) {
            found.add("no 1 node × 1 worker run of any label: speedupVsBest1 is left empty");
        }
        for (Summary row : rows) {
            if (row.medianWallMs() <= 0) {
                found.add(Texts.configuration(row.configuration())
                        + " has a median wall time of 0 ms, too little work to time: no speedup from it");
            }
        }
        for (Summary row : rows) {
            if (row.noisy()) {
                found.add(Texts.configuration(row.configuration()) + " is NOISY: its measured repeats vary by more"
                        + " than 10% (cv above 0.10), so compare its median with care");
            }
        }
        String single = rows.stream().filter(r -> r.measuredRepeats() < 2)
                .map(r -> Texts.configuration(r.configuration())).collect(Collectors.joining(", "));
        if (!single.isEmpty()) {
            found.add("one measured repeat only, so cv is left empty and NOISY cannot be judged: " + single);
        }
        String retried = retried(report);
        if (!retried.isEmpty()) {
            found.add("chunks were retried during measured repeats, so those wall times include failover: " + retried);
        }
        int processors = report.context().processors();
        String over = rows.stream().filter(r -> r.configuration().totalWorkers() > processors)
                .map(r -> Texts.configuration(r.configuration())).collect(Collectors.joining(", "));
        if (!over.isEmpty()) {
            found.add(Texts.isLocal(report.context())
                    ? "more total workers than the " + processors + " processors of this host, which the local"
                    + " node processes share: " + over + "; there a speedup above " + processors + " is not"
                    + " parallelism, and efficiency and Karp–Flatt measure oversubscription, not the execution model"
                    : "more total workers than the " + processors + " processors the client saw: " + over
                    + "; the nodes' hosts were not measured, so check they had that many processors before"
                    + " reading efficiency and Karp–Flatt");
        }
        String superlinear = rows.stream().filter(r -> r.speedup().isPresent()
                        && r.speedup().getAsDouble() > SUPERLINEAR * r.configuration().totalWorkers())
                .map(r -> Texts.configuration(r.configuration())).collect(Collectors.joining(", "));
        if (!superlinear.isEmpty()) {
            found.add("speedup above total workers (superlinear): " + superlinear + "; usually a slow baseline"
                    + " (JIT warm-up, cold caches, a busy machine), not a faster execution model: check the 1 node"
                    + " × 1 worker repeats in runs.csv");
        }
        return found;
    }

    private static String retried(ExperimentReport report) {
        Map<Configuration, Integer> retried = new LinkedHashMap<>();
        for (Sample s : report.samples()) {
            if (s.phase() == Sample.Phase.MEASURE && s.retried() > 0) {
                retried.merge(s.configuration(), s.retried(), Integer::sum);
            }
        }
        return retried.entrySet().stream().sorted(Map.Entry.comparingByKey(order(report)))
                .map(e -> Texts.configuration(e.getKey()) + " (" + e.getValue() + " chunk"
                        + (e.getValue() == 1 ? "" : "s") + ")")
                .collect(Collectors.joining(", "));
    }

    /** A label and mode: the runs that share one baseline. */
    private record Line(String label, Mode mode) {

        static Line of(Configuration c) {
            return new Line(c.label(), c.mode());
        }

        String describe() {
            return label.equals(mode.wireName()) ? label : label + " (" + mode.wireName() + ")";
        }
    }
}
