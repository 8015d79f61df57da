package dev.gridexec.jobstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Job records as JSON text: how the job store keeps them. */
final class JobRecords {

    private static final ObjectMapper JSON = Json.records();

    private JobRecords() {
    }

    static String toJson(JobRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JobRecord fromJson(String json) {
        try {
            return JSON.readValue(json, JobRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored job record does not parse: " + e.getMessage(), e);
        }
    }
}
