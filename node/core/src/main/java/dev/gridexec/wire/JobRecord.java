package dev.gridexec.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
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
 * @param owner     the coordinator that runs the job (absent in records from before coordinators could share a cluster)
 * @param adoptions how many times another coordinator took the job over after its owner left (absent: none)
 * @param acceptedAt when the job was accepted, ISO-8601 UTC; adoption keeps it, so the queue order and wall time go on
 * @param resultStored instead of {@code result}, when the result's JSON is larger than the coordinator keeps in a record
 *                  ({@code max-inline-result}): its size; {@code GET /jobs/{id}/result} serves it. Absent otherwise
 */
@JsonPropertyOrder({"id", "state", "queuePosition", "task", "result", "resultStored", "error", "warnings", "chunks", "timing", "placement", "dispatch",
        "owner", "adoptions", "acceptedAt"})
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
        Integer queuePosition,
        String owner,
        Integer adoptions,
        String acceptedAt,
        ResultStored resultStored) {

    public JobRecord {
        warnings = List.copyOf(warnings);
        placement = List.copyOf(placement);
    }

    /** A record whose result, if any, is in it. */
    public JobRecord(String id, JobState state, Task task, JsonNode result, JobError error, List<String> warnings,
                     ChunkCounts chunks, Timing timing, List<Placement> placement, String dispatch, Integer queuePosition,
                     String owner, Integer adoptions, String acceptedAt) {
        this(id, state, task, result, error, warnings, chunks, timing, placement, dispatch, queuePosition, owner, adoptions,
                acceptedAt, null);
    }

    /** A record without owner (records from before coordinators shared a cluster). */
    public JobRecord(String id, JobState state, Task task, JsonNode result, JobError error, List<String> warnings,
                     ChunkCounts chunks, Timing timing, List<Placement> placement, String dispatch, Integer queuePosition) {
        this(id, state, task, result, error, warnings, chunks, timing, placement, dispatch, queuePosition, null, null, null);
    }

    /** This record without its result (lists leave results out unless asked). */
    public JobRecord withoutResult() {
        return result == null ? this : new JobRecord(id, state, task, null, error, warnings, chunks, timing, placement, dispatch,
                queuePosition, owner, adoptions, acceptedAt, resultStored);
    }

    /** This record with its result kept apart: {@code bytes} long, out of the record. */
    public JobRecord withResultStored(long bytes) {
        return new JobRecord(id, state, task, null, error, warnings, chunks, timing, placement, dispatch, queuePosition, owner,
                adoptions, acceptedAt, new ResultStored(bytes));
    }

    /** This record with {@code fetched}, its result kept apart, back in it (what a client shows). */
    public JobRecord withResult(JsonNode fetched) {
        return new JobRecord(id, state, task, fetched, error, warnings, chunks, timing, placement, dispatch, queuePosition, owner,
                adoptions, acceptedAt, null);
    }

    /** This record owned by {@code coordinator}, adopted once more. */
    public JobRecord adoptedBy(String coordinator) {
        return new JobRecord(id, state, task, result, error, warnings, chunks, timing, placement, dispatch, queuePosition,
                coordinator, adoptions == null ? 1 : adoptions + 1, acceptedAt, resultStored);
    }

    /** This record ended {@code terminal} for {@code why}, as it stands otherwise. */
    public JobRecord ended(JobState terminal, JobError why) {
        return new JobRecord(id, terminal, task, null, why, warnings, chunks, timing, placement, dispatch, null, owner, adoptions,
                acceptedAt);
    }

    /** A record without dispatch policy or queue position (records from before they existed). */
    public JobRecord(String id, JobState state, Task task, JsonNode result, JobError error, List<String> warnings,
                     ChunkCounts chunks, Timing timing, List<Placement> placement) {
        this(id, state, task, result, error, warnings, chunks, timing, placement, null, null);
    }
}
