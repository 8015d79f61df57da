package dev.gridexec.cli;

import dev.gridexec.wire.NodeInfo;
import dev.gridexec.experiment.CoordinatorJobs;
import dev.gridexec.experiment.ExperimentContext;
import dev.gridexec.experiment.ExperimentOutcome;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.ExperimentRunner;
import dev.gridexec.experiment.ExperimentSpec;
import dev.gridexec.experiment.ExperimentSpecReader;
import dev.gridexec.experiment.InvalidExperimentException;
import dev.gridexec.experiment.JobExecutor;
import dev.gridexec.experiment.LocalCluster;
import dev.gridexec.experiment.Sweep;
import dev.gridexec.experiment.Target;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.Coordinators;
import dev.gridexec.remote.CoordinatorUnreachableException;
import dev.gridexec.report.ReportFormat;
import dev.gridexec.report.Reports;
import dev.gridexec.wire.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code client experiment SPEC}: runs a scaling experiment, writes its report files and prints its table. */
@Command(name = "experiment",
        mixinStandardHelpOptions = true,
        description = {"Runs a scaling experiment: the spec's task in every configuration of modes x nodes x workers"
                + " (or of its runs groups), warm-up rounds first, then measured rounds, round-robin.",
                "\"local\": true (the default) starts the node JVMs it needs on 127.0.0.1 and stops them at the end;"
                        + " \"local\": false uses --coordinator URL[,URL...] (or env GRIDEXEC_COORDINATOR) and skips, with a warning,"
                        + " configurations that need more nodes than it has.",
                "Writes runs.csv, summary.csv, report.json, report.svg and report.md into the output directory, prints"
                        + " the table (or, with --json, report.json) on stdout; progress goes to stderr.",
                "The spec's format: docs/experiment.schema.json; examples: examples/experiments/."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every run completed", "1:a run failed", "2:invalid spec or usage",
                "3:the coordinator cannot be reached"})
public final class ExperimentCommand extends ClientCommand {

    /** The environment variable naming the coordinators when {@code --coordinator} is not given. */
    public static final String ENV = Coordinators.ENV;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    @Parameters(paramLabel = "SPEC", description = "the experiment spec, e.g. examples/experiments/talk.json")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the report files go, created if missing (default: experiments/<name>-<yyyyMMdd-HHmmss>)")
    Path outDir;

    @Option(names = "--coordinator", paramLabel = "URL",
            description = "the coordinator of a \"local\": false spec, e.g. http://127.0.0.1:8080" + CoordinatorOptions.SEVERAL)
    List<String> coordinator = new ArrayList<>();

    @Option(names = "--run-timeout", paramLabel = "DURATION",
            description = "a run still going after this long (e.g. 90s, 10m, PT1H) is cancelled and becomes a failed row;"
                    + " the experiment goes on (default 30m)")
    String runTimeout;

    @Option(names = "--json", description = "print report.json on stdout instead of the table")
    boolean json;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        Consumer<String> progress = line -> {
            err.println(line);
            err.flush();
        };
        ExperimentSpec experiment;
        try {
            experiment = ExperimentSpecReader.builtIn().read(ModuleFile.inlineInSpec(readSpecFile(), specFile));
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return Main.INVALID;
        } catch (InvalidExperimentException e) {
            err.println("error: " + specFile + " is not a valid experiment:");
            for (Problem problem : e.problems()) {
                err.println("  " + problem);
            }
            return Main.INVALID;
        }
        if (experiment.local() && !coordinator.isEmpty()) {
            err.println("error: --coordinator needs a spec with \"local\": false; " + specFile + " starts its own nodes");
            return Main.INVALID;
        }
        Optional<Coordinators> coordinators;
        try {
            coordinators = experiment.local() ? Optional.empty() : CoordinatorOptions.coordinators(coordinator, env(ENV));
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return Main.INVALID;
        }
        if (!experiment.local() && coordinators.isEmpty()) {
            err.println("error: " + specFile + " runs on a cluster (\"local\": false): pass --coordinator URL or set " + ENV);
            return Main.INVALID;
        }
        Path dir = outDir != null ? outDir : Path.of("experiments", experiment.name() + "-" + STAMP.format(LocalDateTime.now()));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            err.println("error: --out " + dir + " is a file, not a directory");
            return Main.INVALID;
        }
        Duration timeout = CoordinatorJobs.DEFAULT_RUN_TIMEOUT;
        if (runTimeout != null) {
            try {
                timeout = dev.gridexec.task.Durations.parse(runTimeout.strip());
            } catch (RuntimeException e) {
                timeout = Duration.ZERO;
            }
            if (timeout.isNegative() || timeout.isZero()) {
                err.println("error: --run-timeout must be a positive duration such as 90s, 10m or PT1H, got '" + runTimeout + "'");
                return Main.INVALID;
            }
        }
        List<String> missing = Sweep.missingBaselines(experiment.groups());
        progress.accept(String.format(Locale.ROOT, "experiment %s: %d configurations x (%d warm-up + %d measured rounds) = %d runs%s",
                experiment.name(), experiment.configurations().size(), experiment.warmup(), experiment.repeats(), experiment.runs(),
                missing.isEmpty() ? "" : "; added the 1 node x 1 worker baseline of " + String.join(", ", missing)));
        ExperimentOutcome outcome;
        if (experiment.local()) {
            Files.createDirectories(dir);
            try (LocalCluster cluster = LocalCluster.start(experiment.maxNodes(), dir.resolve("logs"), progress)) {
                Target target = new Target("local", experiment.maxNodes(), Runtime.getRuntime().availableProcessors(), true);
                outcome = run(experiment, new CoordinatorJobs(client(cluster.url()), timeout), target, progress);
            }
        } else {
            CoordinatorClient client = new CoordinatorClient(coordinators.get(), Optional.empty());
            List<NodeInfo> nodes;
            try {
                nodes = client.nodes();
            } catch (CoordinatorUnreachableException e) {
                err.println("error: " + e.getMessage());
                return Main.UNREACHABLE;
            }
            Files.createDirectories(dir);
            int processors = nodes.stream().mapToInt(NodeInfo::processors).min().orElse(0);
            progress.accept("coordinator " + client.url() + ": " + nodes.size() + " node" + (nodes.size() == 1 ? "" : "s"));
            CoordinatorJobs jobs = new CoordinatorJobs(client, timeout);
            Thread onCtrlC = new Thread(jobs::cancelInFlight, "gridexec-experiment-cancel");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            try {
                outcome = run(experiment, jobs, new Target(client.url().toString(), nodes.size(), processors, false), progress);
            } finally {
                removeHook(onCtrlC);
            }
        }
        return finish(outcome, dir, out, err);
    }

    private ExperimentOutcome run(ExperimentSpec experiment, JobExecutor jobs, Target target, Consumer<String> progress)
            throws InterruptedException {
        List<String> typed = new ArrayList<>(List.of("client", "experiment"));
        typed.addAll(spec.commandLine().getParseResult().originalArgs());
        ExperimentContext context = ExperimentContext.ofThisJvm(target.coordinator(), target.nodes(), typed);
        return new ExperimentRunner(experiment, jobs, progress).run(target, context);
    }

    private int finish(ExperimentOutcome outcome, Path dir, PrintWriter out, PrintWriter err) throws IOException {
        ExperimentReport report = outcome.report();
        Reports.writeAll(report, dir);
        if (json) {
            ReportFormat.JSON.reporter().write(report, out);
        } else {
            Reports.printTable(report, out, Locale.getDefault());
        }
        out.flush();
        err.println("wrote " + dir);
        if (outcome.stoppedBy().isPresent()) {
            err.println("error: " + outcome.stoppedBy().get());
            return Main.UNREACHABLE;
        }
        if (outcome.failedRuns() > 0) {
            err.println("error: " + outcome.failedRuns() + " configuration" + (outcome.failedRuns() == 1 ? "" : "s")
                    + " failed; the report says which and why");
            return Main.JOB_FAILED;
        }
        if (report.samples().isEmpty()) {
            err.println("error: nothing ran; the report says why");
            return Main.JOB_FAILED;
        }
        err.flush();
        return 0;
    }

    private byte[] readSpecFile() throws IOException {
        if (Files.isDirectory(specFile)) {
            throw new IOException("spec file " + specFile + " is a directory");
        }
        try {
            return Files.readAllBytes(specFile);
        } catch (NoSuchFileException e) {
            throw new IOException("spec file " + specFile + " does not exist", e);
        }
    }

    private static CoordinatorClient client(String url) {
        return new CoordinatorClient(CoordinatorClient.parseUrl(url));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
