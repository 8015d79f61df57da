package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Timing;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Orphans queue again as they stood: running ones first, then the admission queue's order. */
class AdopterOrderTest {

    private static JobRecord job(String id, JobState state, int priority, String acceptedAt) {
        Task task = new Task(null, "primes", Map.of("limit", 1000L), 4, Mode.THREADS, 1, 1, 1, 5, 0, null, 3, null, priority, null);
        return new JobRecord(id, state, task, null, null, List.of(), new ChunkCounts(4, 0, 0, 0, 0), new Timing(0, 0, 0),
                List.of(), "autotuned", null, "coordinator-0", null, acceptedAt);
    }

    @Test
    void runningJobsAreAdoptedFirstThenByPriorityThenByAcceptance() {
        JobRecord runningLowPriority = job("running", JobState.RUNNING, -1, "2026-12-03T06:00:03.000Z");
        JobRecord urgent = job("urgent", JobState.QUEUED, 5, "2026-12-03T06:00:02.000Z");
        JobRecord older = job("older", JobState.QUEUED, 0, "2026-12-03T06:00:00.000Z");
        JobRecord newer = job("newer", JobState.QUEUED, 0, "2026-12-03T06:00:01.000Z");

        List<JobRecord> order = List.of(newer, older, urgent, runningLowPriority).stream().sorted(Adopter.RESUME_ORDER).toList();

        assertThat(order).extracting(JobRecord::id).containsExactly("running", "urgent", "older", "newer");
    }
}
