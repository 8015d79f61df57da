package dev.gridexec.experiment;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.CoordinatorException;
import dev.gridexec.remote.CoordinatorUnreachableException;
import dev.gridexec.remote.Following;
import dev.gridexec.remote.JobEvents;
import dev.gridexec.remote.TaskRejectedException;
import dev.gridexec.wire.Problem;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a sweep's jobs on a coordinator over its HTTP API: submit, then follow the event stream to the end
 * (looking at the record, and following again, when a stream closes early). The job in flight can be
 * cancelled from another thread, which is what Ctrl-C does. A run that has not ended within the run
 * timeout is cancelled and becomes a failed run; the sweep goes on.
 */
public final class CoordinatorJobs implements JobExecutor {

    private static final JobEvents QUIET = new JobEvents() {
    };

    /** The default of {@code --run-timeout}. */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofMinutes(30);

    private final CoordinatorClient client;
    private final Duration runTimeout;
    private volatile String inFlight;

    public CoordinatorJobs(CoordinatorClient client) {
        this(client, DEFAULT_RUN_TIMEOUT);
    }

    /** Jobs on {@code client}'s coordinator, each cancelled and counted failed if it runs longer than {@code runTimeout}. */
    public CoordinatorJobs(CoordinatorClient client, Duration runTimeout) {
        if (runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("the run timeout must be positive, not " + runTimeout);
        }
        this.client = client;
        this.runTimeout = runTimeout;
    }

    @Override
    public RunOutcome run(Configuration configuration, byte[] task) throws CoordinatorUnreachableException, InterruptedException {
        try {
            JobRecord accepted = client.submit(task);
            inFlight = accepted.id();
            try {
                Optional<JobRecord> end = awaitEnd(accepted.id(), System.nanoTime() + runTimeout.toNanos());
                if (end.isPresent()) {
                    return RunOutcome.of(end.get());
                }
                cancelInFlight();
                return new RunOutcome.Failed("the run did not end within the run timeout of " + runTimeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                        + " (--run-timeout); job " + accepted.id() + " was cancelled");
            } finally {
                inFlight = null;
            }
        } catch (CoordinatorUnreachableException e) {
            throw e;
        } catch (TaskRejectedException e) {
            return new RunOutcome.Failed("the coordinator at " + client.url() + " rejected the task: "
                    + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        } catch (CoordinatorException e) {
            return new RunOutcome.Failed(e.getMessage());
        }
    }

    /** Cancels the job in flight, if any; best effort (used on Ctrl-C). */
    public void cancelInFlight() {
        String id = inFlight;
        if (id != null) {
            try {
                client.cancel(id);
            } catch (CoordinatorException | InterruptedException | RuntimeException e) {
                // the process is going down; the job's own timeout, if any, ends it
            }
        }
    }

    /** The job's final record, or empty when {@code deadline} (System.nanoTime) passed first. */
    private Optional<JobRecord> awaitEnd(String id, long deadline) throws CoordinatorException, InterruptedException {
        for (int reopened = 0; ; reopened++) {
            Optional<JobRecord> end;
            try (Following following = client.follow(id, QUIET)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS).execute(following::close);
                end = following.await();
            }
            if (end.isPresent()) {
                return end;
            }
            JobRecord now = client.job(id);
            if (now.state().terminal()) {
                return Optional.of(now);
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(1000, 100L * (reopened + 1))); // back off before following again
        }
    }
}
