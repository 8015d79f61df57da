package dev.gridexec.experiment;

import dev.gridexec.remote.CoordinatorUnreachableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs an experiment's sweep (see {@link Sweep} for the order) and records a {@link Sample} per run from its
 * job record. A configuration that needs more nodes than the target has is skipped with the reason, never
 * run on fewer; a configuration whose run fails is not run again (the others go on); when the coordinator
 * cannot be reached the sweep stops. Each run prints one progress line.
 */
public final class ExperimentRunner {

    private final ExperimentSpec spec;
    private final JobExecutor jobs;
    private final Consumer<String> progress;

    public ExperimentRunner(ExperimentSpec spec, JobExecutor jobs, Consumer<String> progress) {
        this.spec = spec;
        this.jobs = jobs;
        this.progress = progress;
    }

    /** Runs the sweep on {@code target}; the report carries {@code context}. */
    public ExperimentOutcome run(Target target, ExperimentContext context) throws InterruptedException {
        List<String> warnings = new ArrayList<>(environmentWarnings(target));
        List<ExperimentReport.Skipped> skipped = new ArrayList<>();
        List<Configuration> runnable = new ArrayList<>();
        for (Configuration configuration : spec.configurations()) {
            if (configuration.nodes() > target.nodes()) {
                skipped.add(new ExperimentReport.Skipped(configuration, "needs " + configuration.nodes() + " nodes, the cluster has "
                        + target.nodes()));
            } else {
                runnable.add(configuration);
            }
        }

        List<Sample> samples = new ArrayList<>();
        Map<Configuration, String> failed = new LinkedHashMap<>();
        Set<String> jobWarnings = new LinkedHashSet<>();
        Optional<String> stoppedBy = Optional.empty();
        for (Sweep.PlannedRun run : Sweep.plan(runnable, spec.warmup(), spec.repeats())) {
            Configuration configuration = run.configuration();
            if (failed.containsKey(configuration)) {
                continue;
            }
            RunOutcome outcome;
            try {
                outcome = jobs.run(configuration, spec.taskFor(configuration));
            } catch (CoordinatorUnreachableException e) {
                stoppedBy = Optional.of(e.getMessage());
                progress.accept(line(run) + "stopped: " + e.getMessage());
                warnings.add("the sweep stopped at run " + run.index() + "/" + run.total() + ": " + e.getMessage());
                break;
            }
            if (outcome instanceof RunOutcome.Completed done) {
                samples.add(new Sample(configuration, run.phase(), run.repeat(), done.wallMs(), done.computeMs(),
                        done.startupMs(), done.chunks(), done.retried()));
                done.warnings().forEach(w -> jobWarnings.add(describe(configuration) + ": " + w));
                progress.accept(line(run) + done.wallMs() + " ms");
            } else if (outcome instanceof RunOutcome.Failed failure) {
                failed.put(configuration, "FAILED in " + run.phase().wireName() + " " + run.repeat() + "/" + run.repeats()
                        + ": " + failure.reason());
                progress.accept(line(run) + "FAILED: " + failure.reason());
            }
        }
        warnings.addAll(jobWarnings);
        for (Configuration configuration : runnable) {
            boolean measured = samples.stream().anyMatch(s -> s.configuration().equals(configuration)
                    && s.phase() == Sample.Phase.MEASURE);
            String failure = failed.get(configuration);
            if (measured && failure != null) {
                warnings.add(describe(configuration) + " " + failure + "; its later runs were not made");
            } else if (!measured) {
                skipped.add(new ExperimentReport.Skipped(configuration, failure != null ? failure : "not run: the sweep stopped early"));
            }
        }
        ExperimentReport report = new ExperimentReport(context, spec.document(), samples, skipped, warnings);
        return new ExperimentOutcome(report, failed.size(), stoppedBy);
    }

    /** What the reader of the numbers should know about the sweep and the machines it ran on. */
    private List<String> environmentWarnings(Target target) {
        List<String> warnings = new ArrayList<>();
        List<String> overridden = spec.overriddenTaskFields();
        if (!overridden.isEmpty()) {
            warnings.add("the spec's task sets " + String.join(", ", overridden) + "; each run sets its own, those values were"
                    + " not used");
        }
        List<Configuration> configurations = spec.configurations().stream().filter(c -> c.nodes() <= target.nodes()).toList();
        if (target.oneHost()) {
            int most = configurations.stream().mapToInt(Configuration::totalWorkers).max().orElse(0);
            if (most > target.processors()) {
                warnings.add("configurations with more than " + target.processors() + " workers in all (up to " + most
                        + ") share this host's " + target.processors() + " processors: their speedup cannot reach their"
                        + " worker count");
            }
        } else {
            int most = configurations.stream().mapToInt(Configuration::workers).max().orElse(0);
            if (most > target.processors()) {
                warnings.add("configurations with more than " + target.processors() + " workers per node (up to " + most
                        + ") exceed the processors of the smallest node (" + target.processors() + ")");
            }
        }
        return warnings;
    }

    /** {@code [12/60] slots nodes=1 workers=2 repeat 2/3 (measure): }. */
    private static String line(Sweep.PlannedRun run) {
        return String.format(Locale.ROOT, "[%d/%d] %s repeat %d/%d (%s): ", run.index(), run.total(),
                describe(run.configuration()), run.repeat(), run.repeats(), run.phase().wireName());
    }

    /** {@code slots nodes=1 workers=2}; the mode in brackets where the label is not the mode's name. */
    static String describe(Configuration configuration) {
        String mode = configuration.mode().wireName();
        return configuration.label() + (configuration.label().equals(mode) ? "" : " [" + mode + "]")
                + " nodes=" + configuration.nodes() + " workers=" + configuration.workers();
    }
}
