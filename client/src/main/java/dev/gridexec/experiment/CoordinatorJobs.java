package dev.gridexec.experiment;

import dev.gridexec.jobs.JobRecord;
import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.CoordinatorException;
import dev.gridexec.remote.CoordinatorUnreachableException;
import dev.gridexec.remote.Following;
import dev.gridexec.remote.JobEvents;
import dev.gridexec.remote.TaskRejectedException;
import dev.gridexec.task.Problem;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a sweep's jobs on a coordinator over its HTTP API: submit, then follow the event stream to the end
 * (looking at the record, and following again, when a stream closes early). The job in flight can be
 * cancelled from another thread, which is what Ctrl-C does.
 */
public final class CoordinatorJobs implements JobExecutor {

    private static final JobEvents QUIET = new JobEvents() {
    };

    private final CoordinatorClient client;
    private volatile String inFlight;

    public CoordinatorJobs(CoordinatorClient client) {
        this.client = client;
    }

    @Override
    public RunOutcome run(Configuration configuration, byte[] task) throws CoordinatorUnreachableException, InterruptedException {
        try {
            JobRecord accepted = client.submit(task);
            inFlight = accepted.id();
            try {
                return RunOutcome.of(awaitEnd(accepted.id()));
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

    private JobRecord awaitEnd(String id) throws CoordinatorException, InterruptedException {
        for (int reopened = 0; ; reopened++) {
            Optional<JobRecord> end;
            try (Following following = client.follow(id, QUIET)) {
                end = following.await();
            }
            if (end.isPresent()) {
                return end.get();
            }
            JobRecord now = client.job(id);
            if (now.state().terminal()) {
                return now;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(1000, 100L * (reopened + 1))); // back off before following again
        }
    }
}
