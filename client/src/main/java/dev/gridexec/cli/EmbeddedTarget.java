package dev.gridexec.cli;

import dev.gridexec.artifacts.ArtifactInfo;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.jobs.JobResult;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.remote.JobEvents;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskReader;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The embedded default as a {@link JobTarget}: the in-process coordinator's job service called directly,
 * with the checks its HTTP API makes (a jar that is not one, an invalid task) and no HTTP in between.
 */
final class EmbeddedTarget implements JobTarget {

    private final JobService jobs;

    EmbeddedTarget(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public String where() {
        return "the embedded coordinator";
    }

    @Override
    public Answer<ArtifactInfo> upload(byte[] jar) {
        Optional<String> notAJar = Artifacts.jarProblem(jar);
        if (notAJar.isPresent()) {
            return new Rejected<>(List.of(new Problem("$", notAJar.get())));
        }
        return new Accepted<>(Artifacts.store(jobs.artifacts(), jar).artifact());
    }

    @Override
    public Answer<JobRecord> submit(byte[] bytes) {
        Task task;
        try {
            task = new TaskReader(jobs.kernels(), jobs.defaults()).read(bytes);
        } catch (InvalidTaskException e) {
            return new Rejected<>(e.problems());
        }
        return new Accepted<>(jobs.submit(task));
    }

    @Override
    public Watch follow(String id, JobEvents events) {
        CompletableFuture<Optional<JobRecord>> end = new CompletableFuture<>();
        jobs.find(id).ifPresent(events::state);
        Runnable stop = jobs.watch(id, new JobListener() {
            @Override
            public void progress(JobProgress progress) {
                synchronized (events) { // JobEvents hears one call at a time; chunks end on many threads
                    if (!end.isDone()) {
                        events.progress(progress);
                    }
                }
            }

            @Override
            public void finished(JobRecord record) {
                end.complete(Optional.of(record));
            }
        }).orElseGet(() -> {
            end.complete(jobs.find(id)); // not running here: ended before following, or unknown
            return () -> { };
        });
        return new Watch() {
            @Override
            public Optional<JobRecord> await() throws InterruptedException {
                try {
                    return end.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }

            @Override
            public void close() {
                end.complete(Optional.empty());
                stop.run();
            }
        };
    }

    @Override
    public JobRecord job(String id) {
        return jobs.find(id).orElseThrow(() -> new IllegalStateException("the embedded coordinator lost job " + id));
    }

    @Override
    public void cancel(String id) {
        jobs.cancel(id);
    }

    @Override
    public JobRecord withResult(JobRecord record) {
        if (record.resultStored() == null || record.result() != null) {
            return record;
        }
        byte[] json = jobs.result(record.id()).map(JobResult::json)
                .orElseThrow(() -> new IllegalStateException("the embedded coordinator lost the result of job " + record.id()));
        try {
            return record.withResult(Json.PLAIN.readTree(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
