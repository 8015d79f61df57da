package dev.gridexec.remote;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gridexec.wire.JobRecord;
import java.util.List;

/**
 * One page of {@code GET /jobs}: records newest first (without results unless asked for) and the cursor of
 * the next page, null on the last one.
 *
 * @param jobs the records
 * @param next the {@code after} of the next page, or null
 */
@JsonPropertyOrder({"jobs", "next"})
public record JobList(List<JobRecord> jobs, String next) {

    public JobList {
        jobs = List.copyOf(jobs);
    }
}
