package dev.gridexec.jobstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gridexec.wire.JobRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Job records as JSON text: how the job store keeps them. */
final class JobRecords {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

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
