package dev.gridexec.experiment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sweep: which configurations run, and in which order.
 *
 * <p>Configurations come group by group in the spec's order. Speedup is measured against the same label at
 * 1 node × 1 worker, so a label whose groups lack that configuration gets it added, just before its first
 * configuration. Runs are ordered in rounds: the warm-up rounds first, then the measured ones; every round
 * runs each configuration once, round {@code r} starting {@code r} configurations further along the list,
 * so that a slow spell of a shared machine spreads over all configurations instead of hitting one
 * configuration's repeats.
 */
public final class Sweep {

    private Sweep() {
    }

    /** One run of the sweep, as planned. */
    public record PlannedRun(int index, int total, Configuration configuration, Sample.Phase phase, int repeat, int repeats) {
    }

    /** Every configuration of the groups, without duplicates, each label's 1×1 baseline included. */
    public static List<Configuration> configurations(List<RunGroup> groups) {
        Set<Configuration> given = new LinkedHashSet<>();
        groups.forEach(group -> given.addAll(group.configurations()));
        Set<String> missing = new LinkedHashSet<>(missingBaselines(groups));
        List<Configuration> all = new ArrayList<>();
        for (Configuration configuration : given) {
            if (missing.remove(configuration.label())) {
                all.add(baseline(configuration));
            }
            all.add(configuration);
        }
        return List.copyOf(all);
    }

    /** The labels whose groups lack the 1 node × 1 worker configuration, in the spec's order. */
    public static List<String> missingBaselines(List<RunGroup> groups) {
        Set<String> labels = new LinkedHashSet<>();
        Set<String> withBaseline = new LinkedHashSet<>();
        for (RunGroup group : groups) {
            labels.add(group.label());
            if (group.nodes().contains(1) && group.workers().contains(1)) {
                withBaseline.add(group.label());
            }
        }
        labels.removeAll(withBaseline);
        return List.copyOf(labels);
    }

    /** The runs in the order they are made: {@code warmup} rounds, then {@code repeats} rounds, round-robin. */
    public static List<PlannedRun> plan(List<Configuration> configurations, int warmup, int repeats) {
        int n = configurations.size();
        int total = n * (warmup + repeats);
        List<PlannedRun> runs = new ArrayList<>(total);
        for (int round = 0; round < warmup + repeats; round++) {
            boolean warm = round < warmup;
            for (int k = 0; k < n; k++) {
                Configuration configuration = configurations.get((round + k) % n);
                runs.add(new PlannedRun(runs.size() + 1, total, configuration,
                        warm ? Sample.Phase.WARMUP : Sample.Phase.MEASURE,
                        warm ? round + 1 : round - warmup + 1, warm ? warmup : repeats));
            }
        }
        return List.copyOf(runs);
    }

    private static Configuration baseline(Configuration of) {
        return new Configuration(of.label(), of.mode(), 1, 1);
    }
}
