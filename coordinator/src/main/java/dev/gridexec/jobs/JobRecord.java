package dev.gridexec.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.task.Task;
import java.util.List;

/**
 * A job as users see it: what `client submit --json` prints and the HTTP API returns.
 *
 * @param id        the job's id
 * @param state     where it is
 * @param task      the normalised task: the values actually used
 * @param result    the kernel's result, once SUCCEEDED
 * @param error     why it failed or was cancelled
 * @param warnings  things the user should know (fewer nodes than asked, ...)
 * @param chunks    chunk counts
 * @param timing    where the time went
 * @param placement what each node did
 * @param dispatch  the credit policy that spread the chunks over the nodes ({@code autotuned}, {@code proportional}, {@code fixed})
 * @param queuePosition while QUEUED, how many jobs are ahead of it plus one (1: next to start); absent otherwise
 */
@JsonPropertyOrder({"id", "state", "queuePosition", "task", "result", "error", "warnings", "chunks", "timing", "placement", "dispatch"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRecord(
        String id,
        JobState state,
        Task task,
        JsonNode result,
        JobError error,
        List<String> warnings,
        ChunkCounts chunks,
        Timing timing,
        List<Placement> placement,
        String dispatch,
        Integer queuePosition) {

    public JobRecord {
        warnings = List.copyOf(warnings);
        placement = List.copyOf(placement);
    }

    /** A record without dispatch policy or queue position (records from before they existed). */
    public JobRecord(String id, JobState state, Task task, JsonNode result, JobError error, List<String> warnings,
                     ChunkCounts chunks, Timing timing, List<Placement> placement) {
        this(id, state, task, result, error, warnings, chunks, timing, placement, null, null);
    }
}
