package dev.gridexec.cli;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.embedded.LocalCoordinator;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.wire.Problem;
import dev.gridexec.task.TaskReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code client submit task.json}: runs the task and follows it with a progress bar, then prints the
 * outcome; on the embedded default, or on a coordinator when one is configured (see {@link RemoteSubmit}).
 */
@Command(name = "submit",
        mixinStandardHelpOptions = true,
        description = {"Runs a task (task.json) and waits for its result.",
                "Without a coordinator the job runs on an embedded one-node grid inside the client (no network).",
                "With one, it runs there; Ctrl-C then stops following and leaves it running.",
                "With --jar (or a \"jar\" field in the task) the jar is uploaded first; kernel names a class in it.",
                "Progress goes to stderr; the summary (or, with --json, the job record) to stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job succeeded (or, with --detach, was accepted)", "1:the job failed or was cancelled",
                "2:invalid task or usage", "3:the coordinator cannot be reached",
                "4:the coordinator's queue is full (HTTP 429) and --retry was not given"})
final class SubmitCommand extends ClientCommand {

    @Parameters(paramLabel = "TASK", description = "the task file, e.g. examples/primes.json")
    Path taskFile;

    @Mixin
    CoordinatorOptions coordinator;

    @Option(names = "--detach", description = "with a coordinator: print only the job's id once it is accepted, and return")
    boolean detach;

    @Option(names = "--image", paramLabel = "PNG",
            description = "mandelbrot only: also fetch the per-pixel counts and write the picture to this PNG file")
    Path image;

    @Option(names = "--retry", description = "when the coordinator's queue is full (HTTP 429), wait as its Retry-After says"
            + " and submit again, for up to 10 minutes")
    boolean retry;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Option(names = "--jar", paramLabel = "JAR",
            description = "upload this jar and run the task's kernel from it (overrides the task's \"jar\" field)")
    Path jar;

    @Override
    int execute(PrintWriter out, PrintWriter err) throws Exception {
        TaskJar task;
        try {
            long maxBody = TaskFiles.limit(env(TaskFiles.MAX_BODY_ENV), TaskFiles.MAX_BODY_ENV, TaskFiles.DEFAULT_MAX_BODY_BYTES);
            long maxJar = TaskFiles.limit(env(TaskFiles.MAX_ARTIFACT_ENV), TaskFiles.MAX_ARTIFACT_ENV,
                    TaskFiles.DEFAULT_MAX_ARTIFACT_BYTES);
            task = TaskJar.read(taskFile, TaskFiles.read(taskFile, "task file", maxBody, TaskFiles.MAX_BODY_ENV), jar, maxJar);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return Main.INVALID;
        }
        if (coordinator.coordinators().isPresent()) {
            return new RemoteSubmit(this, JobTarget.remote(coordinator.client()), false).run(task);
        }
        if (detach) {
            throw new UsageException("--detach needs a coordinator: pass --coordinator URL or set " + CoordinatorOptions.ENV);
        }
        // The embedded default: validate here first (nothing is started for a bad task), then run the job on the
        // coordinator's scheduler over one node runtime in this process: no Hazelcast member, no HTTP. A kernel
        // from a jar can only be checked once the jar is uploaded: the embedded coordinator checks that task.
        if (task.jar() == null) {
            try {
                new TaskReader(KernelCatalog.builtIn(), LocalCoordinator.defaults()).read(task.task());
            } catch (InvalidTaskException e) {
                err.println("error: " + taskFile + " is not a valid task:");
                for (Problem problem : e.problems()) {
                    err.println("  " + problem);
                }
                return Main.INVALID;
            }
        }
        try (LocalCoordinator local = LocalCoordinator.start(KernelCatalog.builtIn())) {
            return new RemoteSubmit(this, new EmbeddedTarget(local.jobs()), true).run(task);
        }
    }
}
