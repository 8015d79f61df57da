package dev.gridexec.cli;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.embedded.EmbeddedGrid;
import dev.gridexec.image.MandelbrotImage;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.jobs.JobState;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.scheduler.JobRun;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.task.Problem;
import dev.gridexec.task.Task;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.task.TaskReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code client submit task.json}: runs the task and follows it with a progress bar, then prints the
 * outcome; on the embedded default, or on a coordinator when one is configured (see {@link RemoteSubmit}).
 */
@Command(name = "submit",
        mixinStandardHelpOptions = true,
        description = {"Runs a task (task.json) and waits for its result.",
                "Without a coordinator the job runs on an embedded in-process node.",
                "With one, it runs there; Ctrl-C then stops following and leaves it running.",
                "Progress goes to stderr; the summary (or, with --json, the job record) to stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the job succeeded (or, with --detach, was accepted)", "1:the job failed or was cancelled",
                "2:invalid task or usage", "3:the coordinator cannot be reached"})
final class SubmitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TASK", description = "the task file, e.g. examples/primes.json")
    Path taskFile;

    @Mixin
    CoordinatorOptions coordinator;

    @Option(names = "--detach", description = "with a coordinator: print only the job's id once it is accepted, and return")
    boolean detach;

    @Option(names = "--image", paramLabel = "PNG",
            description = "mandelbrot only: also fetch the per-pixel counts and write the picture to this PNG file")
    Path image;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        byte[] bytes;
        try {
            bytes = readTaskFile();
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return Main.INVALID;
        }
        if (coordinator.url().isPresent()) {
            return new RemoteSubmit(this, coordinator.client()).run(bytes);
        }
        if (detach) {
            throw new UsageException("--detach needs a coordinator: pass --coordinator URL or set " + CoordinatorOptions.ENV);
        }
        KernelCatalog catalog = KernelCatalog.builtIn();
        Task task;
        try {
            task = new TaskReader(catalog, TaskDefaults.builtIn(Runtime.getRuntime().availableProcessors(), 1)).read(bytes);
        } catch (InvalidTaskException e) {
            err.println("error: " + taskFile + " is not a valid task:");
            for (Problem problem : e.problems()) {
                err.println("  " + problem);
            }
            return Main.INVALID;
        }
        if (image != null) {
            if (!"mandelbrot".equals(task.kernel())) {
                err.println("error: --image needs the mandelbrot kernel; " + taskFile + " uses " + task.kernel());
                return Main.INVALID;
            }
            task = withPixels(task);
        }
        try (EmbeddedGrid grid = new EmbeddedGrid(catalog)) {
            return run(grid, task, out, err);
        }
    }

    private int run(EmbeddedGrid grid, Task task, PrintWriter out, PrintWriter err) throws Exception {
        ProgressBar bar = quiet ? null : new ProgressBar(err, Terminal.isInteractive());
        JobRun job = grid.scheduler().submit(task, new JobListener() {
            @Override
            public void progress(JobProgress progress) {
                if (bar != null) {
                    bar.update(progress);
                }
            }
        });
        Thread cancelOnInterrupt = new Thread(() -> {
            job.cancel();
            try {
                job.completion().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException ignored) {
                // exiting anyway
            }
        }, "gridexec-cancel-on-exit");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        JobRecord record;
        try {
            record = job.completion().get();
        } finally {
            removeHook(cancelOnInterrupt);
            if (bar != null) {
                bar.finish();
            }
        }
        if (image != null && record.state() == JobState.SUCCEEDED) {
            long maxIterations = ((Number) task.params().get("maxIterations")).longValue();
            MandelbrotImage.write(record.result(), maxIterations, image);
            err.println("wrote " + image);
        }
        if (coordinator.json) {
            JobPrinter.json(record, out);
        } else {
            JobPrinter.summary(record, out);
        }
        return record.state() == JobState.SUCCEEDED ? 0 : Main.JOB_FAILED;
    }

    private byte[] readTaskFile() throws IOException {
        try {
            if (Files.isDirectory(taskFile)) {
                throw new IOException("task file " + taskFile + " is a directory");
            }
            return Files.readAllBytes(taskFile);
        } catch (NoSuchFileException e) {
            throw new IOException("task file " + taskFile + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new IOException("task file " + taskFile + " cannot be read: permission denied", e);
        }
    }

    private static Task withPixels(Task task) {
        Map<String, Object> params = new LinkedHashMap<>(task.params());
        params.put("pixels", Boolean.TRUE);
        return new Task(task.name(), task.kernel(), params, task.chunks(), task.mode(), task.workers(), task.nodes(),
                task.threadsPerSlot(), task.switchIntervalMs(), task.seed(), task.timeout(), task.maxAttempts());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it cancels the job
        }
    }
}
