package dev.gridexec.bench;

import dev.gridexec.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The measurement phases: {@code warmup} rounds, then {@code repeats} measured rounds, each running every
 * configuration once, so that noise spreads over all of them rather than hitting one configuration's
 * back-to-back repeats. Round {@code r} starts {@code r} configurations further along the list; round 0
 * starts with the bare loop, whose count every later run must match.
 */
final class Rounds {

    /** How the runs are ordered, as the reports state it. */
    static final String ORDER = "round-robin: every round runs each configuration once, starting one configuration"
            + " further along each round";

    /** What the rounds produced: the prime count every run agreed on and each configuration's samples. */
    record Measured(long count, List<Configuration> configurations) {
    }

    private record Config(Runner runner, int workers) {
        String label() {
            return key(runner.name(), workers);
        }
    }

    private static final class Samples {
        final List<Double> warmup = new ArrayList<>();
        final List<Double> wall = new ArrayList<>();
        final List<Double> startup = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();
    }

    private final BenchSettings settings;
    private final Consumer<String> progress;

    Rounds(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs every round; {@code runners.get(0)} must be the bare loop. Fails at the first count that differs. */
    Measured run(List<Runner> runners) throws Exception {
        if (runners.isEmpty() || !BareLoop.NAME.equals(runners.get(0).name())) {
            throw new IllegalArgumentException("the bare loop must come first");
        }
        List<Config> configs = new ArrayList<>();
        for (Runner runner : runners) {
            for (int workers : settings.workers()) {
                configs.add(new Config(runner, workers));
            }
        }
        List<Samples> samples = new ArrayList<>();
        configs.forEach(config -> samples.add(new Samples()));
        long count = -1;
        int rounds = settings.warmup() + settings.repeats();
        for (int round = 0; round < rounds; round++) {
            boolean warmup = round < settings.warmup();
            String phase = warmup ? "warm-up " + (round + 1) + "/" + settings.warmup()
                    : "round " + (round - settings.warmup() + 1) + "/" + settings.repeats();
            for (int k = 0; k < configs.size(); k++) {
                int index = (round + k) % configs.size();
                Config config = configs.get(index);
                long cpuBefore = ProcessCpu.nanos();
                Runner.Run run = config.runner().run(config.workers());
                long cpuAfter = ProcessCpu.nanos();
                if (count < 0) {
                    count = run.count();
                } else if (run.count() != count) {
                    throw new IllegalStateException(config.label() + " counted " + run.count()
                            + " primes but the bare loop counted " + count + " below " + settings.limit());
                }
                Samples s = samples.get(index);
                (warmup ? s.warmup : s.wall).add(run.wallMs());
                double cpuMs = cpuBefore < 0 || cpuAfter < 0 ? Double.NaN : (cpuAfter - cpuBefore) / 1e6;
                if (!warmup) {
                    s.startup.add(run.startupMs());
                    s.cpu.add(cpuMs);
                }
                progress.accept(String.format(Locale.ROOT, "%s  %-10s %9.1f ms wall %9.1f ms cpu", phase, config.label(),
                        run.wallMs(), cpuMs));
            }
        }
        return new Measured(count, summarise(configs, samples));
    }

    private static List<Configuration> summarise(List<Config> configs, List<Samples> samples) {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            medians.put(configs.get(i).label(), Stats.median(samples.get(i).wall));
        }
        List<Configuration> configurations = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            Config config = configs.get(i);
            Samples s = samples.get(i);
            String model = config.runner().name();
            boolean bare = BareLoop.NAME.equals(model);
            double median = medians.get(config.label());
            Double one = medians.get(key(model, 1));
            Double bareMedian = medians.get(key(BareLoop.NAME, config.workers()));
            double cv = Stats.cv(s.wall);
            boolean cpuKnown = s.cpu.stream().noneMatch(ms -> Double.isNaN(ms));
            configurations.add(new Configuration(model, config.workers(), s.warmup, s.wall, bare ? null : s.startup,
                    cpuKnown ? s.cpu : null, median, Stats.min(s.wall), Stats.max(s.wall), Double.isNaN(cv) ? null : cv,
                    ratio(one, median), bare ? null : ratio(bareMedian, median),
                    cpuKnown ? ratio(sum(s.cpu), sum(s.wall)) : null));
        }
        return configurations;
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** {@code numerator / denominator}, or null where that is undefined. */
    private static Double ratio(Double numerator, double denominator) {
        return numerator == null || denominator <= 0 ? null : numerator / denominator;
    }

    private static String key(String model, int workers) {
        return model + " x" + workers;
    }
}
