package dev.gridexec.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.Json;
import java.io.UncheckedIOException;

/**
 * What {@code GET /jobs/{id}/result} answers from: the job's record as it stands and its result's JSON, the same bytes
 * whether the result is in the record or kept apart.
 *
 * @param record the job's record (its result left in it or kept apart, as the record is served)
 * @param json   the result's JSON, UTF-8; null when there is none: the job has not succeeded, or a result kept apart has
 *               expired or was lost
 */
public record JobResult(JobRecord record, byte[] json) {

    /** Writes results as a job record carries them: a plain mapper, as the API and the CLI write records. */
    private static final ObjectMapper JSON = Json.results();

    /** The JSON of {@code result} exactly as it appears inside a record. */
    public static byte[] bytes(JsonNode result) {
        try {
            return JSON.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
