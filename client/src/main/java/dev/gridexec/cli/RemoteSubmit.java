package dev.gridexec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridexec.image.MandelbrotImage;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.artifacts.ArtifactInfo;
import dev.gridexec.remote.CoordinatorException;
import dev.gridexec.remote.JobEvents;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.wire.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code submit} on a {@link JobTarget}: upload the task's jar if it has one, submit the task, then follow the job with the
 * progress bar until it ends, and print it. On a coordinator, a stream that closes early is opened again and Ctrl-C
 * stops following and leaves the job running; on the embedded default, Ctrl-C cancels the job.
 */
final class RemoteSubmit {

    /** Times in a row the event stream may close early before submit gives up following. */
    private static final int STREAM_REOPENINGS = 3;
    /** A stream that stayed open this long was healthy: closing then (a proxy's idle limit) starts the count afresh. */
    private static final long HEALTHY_STREAM_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final SubmitCommand command;
    private final JobTarget client;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean embedded;

    /**
     * @param embedded the coordinator is the embedded default, which ends with this process: Ctrl-C cancels
     *                 the job instead of leaving it running
     */
    RemoteSubmit(SubmitCommand command, JobTarget client, boolean embedded) {
        this.command = command;
        this.client = client;
        this.embedded = embedded;
        this.out = command.spec.commandLine().getOut();
        this.err = command.spec.commandLine().getErr();
    }

    /** How long {@code --retry} keeps submitting to a full queue. */
    private static final long RETRY_FOR_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** Submits; with {@code --retry}, waits and submits again while the coordinator's queue is full. */
    private JobTarget.Answer<JobRecord> submit(byte[] body) throws CoordinatorException, InterruptedException {
        long deadline = System.nanoTime() + RETRY_FOR_NANOS;
        while (true) {
            try {
                return client.submit(body);
            } catch (dev.gridexec.remote.CoordinatorBusyException busy) {
                long wait = TimeUnit.SECONDS.toNanos(busy.retryAfterSeconds());
                if (!command.retry || System.nanoTime() + wait > deadline) {
                    throw busy;
                }
                if (!command.quiet) {
                    err.println("the coordinator's queue is full; submitting again in " + busy.retryAfterSeconds() + " s");
                    err.flush();
                }
                TimeUnit.NANOSECONDS.sleep(wait); // the coordinator's Retry-After: a wait, not a synchronisation
            }
        }
    }

    int run(TaskJar task) throws CoordinatorException, InterruptedException, IOException {
        if (command.detach && command.image != null) {
            throw new UsageException("--image needs the job's result: it cannot go with --detach");
        }
        byte[] body = task.task();
        if (task.jar() != null) {
            JobTarget.Answer<ArtifactInfo> answer = client.upload(task.bytes());
            if (answer instanceof JobTarget.Rejected<ArtifactInfo> rejected) {
                err.println("error: the coordinator did not accept " + task.jar() + ":");
                for (Problem problem : rejected.problems()) {
                    err.println("  " + problem);
                }
                return Main.INVALID;
            }
            ArtifactInfo uploaded = ((JobTarget.Accepted<ArtifactInfo>) answer).value();
            if (!command.quiet) {
                err.println("uploaded " + task.jar() + " (" + uploaded.size() + " bytes, sha256 " + uploaded.sha256() + ")");
            }
            body = task.withArtifact(uploaded.sha256());
        }
        if (command.image != null) {
            try {
                body = withPixels(body);
            } catch (MandelbrotImage.NotMandelbrotException e) {
                throw new UsageException("--image needs the mandelbrot kernel; " + command.taskFile + " uses " + e.kernel());
            }
        }
        JobTarget.Answer<JobRecord> submitted = submit(body);
        if (submitted instanceof JobTarget.Rejected<JobRecord> rejected) {
            err.println("error: " + command.taskFile + " is not a valid task:");
            for (Problem problem : rejected.problems()) {
                err.println("  " + problem);
            }
            return Main.INVALID;
        }
        JobRecord accepted = ((JobTarget.Accepted<JobRecord>) submitted).value();
        if (command.detach) {
            if (command.coordinator.json) {
                JobPrinter.json(accepted, out);
            } else {
                out.println(accepted.id());
                out.flush();
            }
            return 0;
        }
        if (!command.quiet && !embedded) {
            err.println("job " + accepted.id() + " submitted to " + client.where());
        }
        JobRecord followed = follow(accepted.id());
        if (followed == null) {
            return Main.INTERRUPTED;
        }
        JobRecord record = client.withResult(followed); // a result too large for the record was kept apart: fetched
        if (command.image != null && record.state() == JobState.SUCCEEDED) {
            MandelbrotImage.write(record, command.image);
            err.println("wrote " + command.image);
        }
        if (command.coordinator.json) {
            JobPrinter.json(record, out);
        } else {
            JobPrinter.summary(record, out);
        }
        return record.state() == JobState.SUCCEEDED ? 0 : Main.JOB_FAILED;
    }

    /** Follows job {@code id} to its end; null when Ctrl-C stopped following. */
    private JobRecord follow(String id) throws CoordinatorException, InterruptedException {
        ProgressBar bar = command.quiet ? null : new ProgressBar(err, Terminal.isInteractive());
        JobEvents events = new JobEvents() {
            @Override
            public void state(JobRecord record) {
                if (bar != null) {
                    bar.update(new JobProgress(record.chunks().done(), record.chunks().total(),
                            record.chunks().retried(), record.timing().wallMs()));
                }
            }

            @Override
            public void progress(JobProgress progress) {
                if (bar != null) {
                    bar.update(progress);
                }
            }
        };
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<JobTarget.Watch> current = new AtomicReference<>();
        Interrupts.Registration onCtrlC = command.coordinator.interrupts().onInterrupt(() -> {
            // Say what happens before letting the following loop see the stop: it may return at once.
            if (bar != null) {
                bar.finish();
            }
            err.println(embedded ? "cancelling job " + id
                    : "job " + id + " keeps running; cancel with: " + command.coordinator.again("cancel", id));
            err.flush();
            // Stopped before the cancel: an in-process cancel ends the job at once, and the following loop must
            // take that end for Ctrl-C, not for a job that failed.
            stopped.set(true);
            if (embedded) {
                try {
                    client.cancel(id);
                } catch (CoordinatorException | InterruptedException | RuntimeException e) {
                    // the embedded cluster goes down with this process anyway
                }
            }
            Optional.ofNullable(current.get()).ifPresent(JobTarget.Watch::close);
        });
        try {
            for (int reopened = 0; ; reopened++) {
                long opened = System.nanoTime();
                JobTarget.Watch following = client.follow(id, events);
                current.set(following);
                if (stopped.get()) {
                    following.close();
                }
                Optional<JobRecord> end = following.await();
                if (stopped.get()) {
                    return null;
                }
                if (end.isPresent()) {
                    return end.get();
                }
                JobRecord now = client.job(id);
                if (now.state().terminal()) {
                    return now;
                }
                if (System.nanoTime() - opened >= HEALTHY_STREAM_NANOS) {
                    reopened = 0;
                } else if (reopened == STREAM_REOPENINGS) {
                    throw new IllegalStateException("the coordinator at " + client.where() + " keeps closing the event stream of job "
                            + id + " early; the job keeps running: see " + command.coordinator.again("status", id));
                }
                TimeUnit.MILLISECONDS.sleep(100L * (reopened + 1)); // back off before opening the stream again
            }
        } finally {
            onCtrlC.close();
            if (bar != null) {
                bar.finish();
            }
        }
    }

    /**
     * The task document with {@code params.pixels} set for --image; an unreadable document comes back as it is, for
     * the coordinator to explain.
     */
    private static byte[] withPixels(byte[] task) throws MandelbrotImage.NotMandelbrotException, IOException {
        JsonNode document;
        try {
            document = Json.DOCUMENTS.readTree(task);
        } catch (IOException unreadable) {
            return task;
        }
        if (!(document instanceof ObjectNode object)) {
            return task;
        }
        return Json.DOCUMENTS.writeValueAsBytes(MandelbrotImage.withPixels(object));
    }
}
