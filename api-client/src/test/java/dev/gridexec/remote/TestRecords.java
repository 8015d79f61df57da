package dev.gridexec.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobError;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Timing;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.List;
import java.util.Map;

/** Job records as a coordinator would send them, for tests. */
public final class TestRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRecords() {
    }

    public static Task primesTask() {
        return new Task("demo", "primes", Map.of("limit", 100_000L), 8, Mode.THREADS, 2, 1, 1, 5, 42, null, 3);
    }

    public static JobRecord running(String id, int done) {
        return new JobRecord(id, JobState.RUNNING, primesTask(), null, null, List.of(), new ChunkCounts(8, done, 0, 0),
                new Timing(120, 3, 200), List.of(new Placement("node-a", done, 200)));
    }

    public static JobRecord queued(String id) {
        return new JobRecord(id, JobState.QUEUED, primesTask(), null, null, List.of(), new ChunkCounts(8, 0, 0, 0),
                new Timing(0, 0, 0), List.of());
    }

    /** A job waiting in the admission queue at {@code position}. */
    public static JobRecord queuedAt(String id, int position) {
        return new JobRecord(id, JobState.QUEUED, primesTask(), null, null, List.of(), new ChunkCounts(8, 0, 0, 0),
                new Timing(0, 0, 0), List.of(), "autotuned", position);
    }

    public static JobRecord succeeded(String id) {
        return new JobRecord(id, JobState.SUCCEEDED, primesTask(), json("{\"count\":9592}"), null,
                List.of("asked for 2 nodes, 1 is there"), new ChunkCounts(8, 8, 1, 0), new Timing(345, 4, 600),
                List.of(new Placement("node-a", 5, 400), new Placement("node-b", 3, 200)));
    }

    /** {@link #succeeded} as a coordinator serves it when the result was too large for the record: kept apart. */
    public static JobRecord succeededKeptApart(String id) {
        return succeeded(id).withResultStored("{\"count\":9592}".length());
    }

    public static JobRecord failed(String id) {
        return new JobRecord(id, JobState.FAILED, primesTask(), null, new JobError("kernel", "boom in chunk 3", 3),
                List.of(), new ChunkCounts(8, 5, 2, 1), new Timing(500, 4, 700), List.of(new Placement("node-a", 5, 700)));
    }

    public static JobRecord cancelled(String id) {
        return new JobRecord(id, JobState.CANCELLED, primesTask(), null, new JobError("cancelled", "cancelled by a user", null),
                List.of(), new ChunkCounts(8, 2, 0, 0), new Timing(90, 4, 100), List.of(new Placement("node-a", 2, 100)));
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
