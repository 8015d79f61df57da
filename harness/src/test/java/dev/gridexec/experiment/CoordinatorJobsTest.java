package dev.gridexec.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.remote.AgainstFakeCoordinator;
import dev.gridexec.remote.TestRecords;
import dev.gridexec.wire.Mode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run on a coordinator: its end, and the run timeout that turns a run that never ends into a failed one. */
@Timeout(30)
class CoordinatorJobsTest extends AgainstFakeCoordinator {

    @Test
    void aRunThatNeverEndsIsCancelledAtTheRunTimeoutAndFails() throws Exception {
        fake.acceptsAJobThatKeepsRunning("j1")
                .answer("GET", "/jobs/j1", 200, TestRecords.running("j1", 1))
                .answer("DELETE", "/jobs/j1", 200, TestRecords.cancelled("j1"));
        CoordinatorJobs jobs = new CoordinatorJobs(new CoordinatorClient(CoordinatorClient.parseUrl(fake.url())), Duration.ofMillis(300));

        long start = System.nanoTime();
        RunOutcome outcome = jobs.run(new Configuration("threads", Mode.THREADS, 1, 1), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("run timeout of 0.3s", "--run-timeout", "j1 was cancelled"));
        assertThat(fake.received("DELETE", "/jobs/j1")).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aRunThatEndsInTimeIsItsRecord() throws Exception {
        fake.answer("POST", "/jobs", 202, TestRecords.queued("j1"))
                .events("/jobs/j1/events", stream -> stream.event("end", TestRecords.succeeded("j1")));
        CoordinatorJobs jobs = new CoordinatorJobs(new CoordinatorClient(CoordinatorClient.parseUrl(fake.url())), Duration.ofMinutes(1));

        RunOutcome outcome = jobs.run(new Configuration("threads", Mode.THREADS, 1, 1), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(outcome).isNotInstanceOf(RunOutcome.Failed.class);
        assertThat(fake.received("DELETE", "/jobs/j1")).isFalse();
    }
}
