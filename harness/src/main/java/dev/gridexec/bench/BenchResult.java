package dev.gridexec.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one bench found, with the context needed to read it: what {@code --json} prints.
 *
 * @param context        the machine and JVM
 * @param settings       the options used
 * @param taskFields     the task fields every gridexec run shares
 * @param order          how runs were ordered
 * @param count          the prime count every run agreed on
 * @param configurations every configuration, bare loop first, then threads, slots, gil
 * @param slotStartup    slot start-up, null with {@code --slot-startups 0}
 * @param warnings       reasons to distrust the numbers, without the {@code WARNING} prefix
 */
public record BenchResult(Context context, BenchSettings settings, Map<String, Object> taskFields, String order, long count,
                   List<Configuration> configurations, SlotStartup slotStartup, List<String> warnings) {

    /** A cv above this earns a warning. */
    static final double NOISY_CV = 0.10;
    /** A configuration whose CPU use falls below this share of what its workers could use earns a warning. */
    static final double STARVED = 0.85;
    /** A median below this many ms earns a warning: gridexec's wall time has 1 ms resolution. */
    static final double COARSE_MS = 100;

    public BenchResult {
        configurations = List.copyOf(configurations);
        warnings = List.copyOf(warnings);
    }

    /** The result of these measurements, with the warnings they call for. */
    static BenchResult of(Context context, BenchSettings settings, Rounds.Measured measured, SlotStartup slotStartup) {
        List<String> warnings = new ArrayList<>();
        int most = settings.workers().get(settings.workers().size() - 1);
        if (context.processors() < most) {
            warnings.add("this machine has " + context.processors() + " processors but up to " + most
                    + " workers were measured: speedups beyond " + context.processors() + " workers cannot be expected");
        }
        if (settings.repeats() < 3) {
            warnings.add("only " + settings.repeats() + " measured repeat" + (settings.repeats() == 1 ? "" : "s")
                    + " per configuration: the medians rest on too few samples");
        }
        List<String> noisy = new ArrayList<>();
        List<String> starved = new ArrayList<>();
        for (Configuration c : measured.configurations()) {
            if (c.cv() != null && c.cv() > NOISY_CV) {
                noisy.add(String.format(Locale.ROOT, "%s x%d %.1f%%", c.model(), c.workers(), 100 * c.cv()));
            }
            double usable = "gil".equals(c.model()) ? 1 : Math.min(c.workers(), context.processors());
            if (c.cpuPerWall() != null && c.cpuPerWall() < STARVED * usable) {
                starved.add(String.format(Locale.ROOT, "%s x%d %.2f of %.0f", c.model(), c.workers(), c.cpuPerWall(), usable));
            }
        }
        if (!noisy.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "cv above %.0f%%, the samples spread widely, compare these medians"
                    + " with care: %s", 100 * NOISY_CV, String.join(", ", noisy)));
        }
        if (!starved.isEmpty()) {
            warnings.add("the process used fewer CPUs than the workers could (cpu/wall of usable): other processes took"
                    + " CPU time, so these ran slower than this machine can: " + String.join(", ", starved));
        }
        double fastest = measured.configurations().stream().mapToDouble(Configuration::medianMs).min().orElse(0);
        if (fastest < COARSE_MS) {
            warnings.add(String.format(Locale.ROOT, "a median is %.1f ms: gridexec's wall time has 1 ms resolution,"
                    + " so runs this short say little; raise --limit", fastest));
        }
        return new BenchResult(context, settings, BenchSettings.fixedTaskFields(), Rounds.ORDER, measured.count(),
                measured.configurations(), slotStartup, warnings);
    }
}
